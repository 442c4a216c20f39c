import type { JsonSchema } from '../catalogue.ts';

/** The types a field of a structured answer (or a tool's arguments) may have, as the schema builder offers them. */
export const SCHEMA_TYPES = ['string', 'enum', 'number', 'integer', 'boolean', 'object', 'array'] as const;
export type SchemaType = (typeof SCHEMA_TYPES)[number];

export const SCHEMA_TYPE_LABELS: Record<SchemaType, string> = {
  string: 'Text',
  enum: 'One of',
  number: 'Number',
  integer: 'Whole number',
  boolean: 'Yes / no',
  object: 'Object',
  array: 'List',
};

/** One row of the schema builder: a property of an object schema (or, without a name, the items of a list). */
export interface SchemaRow {
  name: string;
  type: SchemaType;
  description: string;
  required: boolean;
  /** type enum: the allowed values (text). */
  enumValues: string[];
  /** type object: its properties. */
  fields: SchemaRow[];
  /** type array: what each item is. */
  items?: SchemaRow;
}

export type RowsRead = { ok: true; rows: SchemaRow[] } | { ok: false; reason: string };

/** Keys the builder writes or reads; a schema with any other key is edited as JSON, so nothing is lost. */
const KNOWN_KEYS = new Set(['type', 'properties', 'required', 'description', 'enum', 'items', 'additionalProperties', '$schema', 'title']);

export function newRow(name = '', type: SchemaType = 'string'): SchemaRow {
  return { name, type, description: '', required: true, enumValues: [], fields: [], ...(type === 'array' ? { items: newRow() } : {}) };
}

/** A row changed to another type keeps its name, description and required, and gets that type's parts. */
export function withType(row: SchemaRow, type: SchemaType): SchemaRow {
  return {
    ...row,
    type,
    enumValues: type === 'enum' ? row.enumValues : [],
    fields: type === 'object' ? row.fields : [],
    ...(type === 'array' ? { items: row.items ?? newRow() } : { items: undefined }),
  };
}

/** The rows of an object schema; `{}` has none. Fails (with why) for a schema the rows cannot show in full. */
export function rowsFromSchema(schema: JsonSchema): RowsRead {
  if (Object.keys(schema).length === 0) return { ok: true, rows: [] };
  if (schema.type !== 'object') return { ok: false, reason: 'its top level is not { "type": "object" }' };
  return objectRows(schema, '');
}

function objectRows(schema: JsonSchema, at: string): RowsRead {
  const unknown = Object.keys(schema).find((key) => !KNOWN_KEYS.has(key));
  if (unknown !== undefined) return { ok: false, reason: `${at || 'the schema'} uses "${unknown}"` };
  const properties = record(schema.properties) ?? {};
  const required = new Set(Array.isArray(schema.required) ? schema.required : []);
  const rows: SchemaRow[] = [];
  for (const [name, property] of Object.entries(properties)) {
    const read = rowOf(record(property), `${at}${at === '' ? '' : '.'}${name}`);
    if (!read.ok) return read;
    rows.push({ ...read.row, name, required: required.has(name) });
  }
  return { ok: true, rows };
}

function rowOf(schema: JsonSchema | undefined, at: string): { ok: true; row: SchemaRow } | { ok: false; reason: string } {
  if (schema === undefined) return { ok: false, reason: `${at} is not a schema object` };
  const unknown = Object.keys(schema).find((key) => !KNOWN_KEYS.has(key));
  if (unknown !== undefined) return { ok: false, reason: `${at} uses "${unknown}"` };
  const row = newRow();
  if (typeof schema.description === 'string') row.description = schema.description;
  if (Array.isArray(schema.enum)) {
    if (!schema.enum.every((value) => typeof value === 'string')) return { ok: false, reason: `${at} has values that are not text` };
    if (schema.type !== undefined && schema.type !== 'string') return { ok: false, reason: `${at} has values that are not text` };
    return { ok: true, row: { ...row, type: 'enum', enumValues: [...schema.enum] } };
  }
  switch (schema.type) {
    case 'string':
    case 'number':
    case 'integer':
    case 'boolean':
      return { ok: true, row: { ...row, type: schema.type } };
    case 'object': {
      const inner = objectRows(schema, at);
      return inner.ok ? { ok: true, row: { ...row, type: 'object', fields: inner.rows } } : inner;
    }
    case 'array': {
      const items = record(schema.items);
      if (items === undefined) return { ok: false, reason: `${at} is a list without an item schema` };
      const item = rowOf(items, `${at}[]`);
      return item.ok ? { ok: true, row: { ...row, type: 'array', items: item.row } } : item;
    }
    default:
      return { ok: false, reason: `${at} has no single type` };
  }
}

/** The object schema the rows describe: every row a property, required ones listed, no other properties allowed. */
export function schemaFromRows(rows: readonly SchemaRow[]): JsonSchema {
  return objectSchema(rows, undefined);
}

function objectSchema(rows: readonly SchemaRow[], description: string | undefined): JsonSchema {
  const properties: Record<string, JsonSchema> = {};
  for (const row of rows) properties[row.name] = rowSchema(row);
  const required = rows.filter((row) => row.required).map((row) => row.name);
  return {
    type: 'object',
    ...(description ? { description } : {}),
    properties,
    ...(required.length > 0 ? { required } : {}),
    additionalProperties: false,
  };
}

function rowSchema(row: SchemaRow): JsonSchema {
  const description = row.description.trim() === '' ? undefined : row.description;
  switch (row.type) {
    case 'enum':
      return { type: 'string', enum: row.enumValues.filter((value) => value !== ''), ...(description ? { description } : {}) };
    case 'object':
      return objectSchema(row.fields, description);
    case 'array':
      return { type: 'array', ...(description ? { description } : {}), items: rowSchema(row.items ?? newRow()) };
    default:
      return { type: row.type, ...(description ? { description } : {}) };
  }
}

/** What is wrong with the rows as a person sees it (empty or repeated names, a "One of" with no values); [] when fine. */
export function rowProblems(rows: readonly SchemaRow[], at = ''): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const row of rows) {
    const where = `${at}${row.name || '(unnamed)'}`;
    if (row.name.trim() === '') problems.push(`${at || 'a field'} has a field without a name`);
    else if (seen.has(row.name)) problems.push(`"${where}" is used twice`);
    seen.add(row.name);
    problems.push(...itemProblems(row, where));
  }
  return problems;
}

function itemProblems(row: SchemaRow, where: string): string[] {
  if (row.type === 'enum' && row.enumValues.filter((value) => value !== '').length === 0) return [`"${where}" needs at least one value`];
  if (row.type === 'object') return rowProblems(row.fields, `${where}.`);
  if (row.type === 'array' && row.items !== undefined) return itemProblems(row.items, `${where}[]`);
  return [];
}

function record(value: unknown): JsonSchema | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as JsonSchema) : undefined;
}
