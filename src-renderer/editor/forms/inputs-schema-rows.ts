import { isReservedName } from '../../../src-shared/limits/reserved-names.ts';
import type { JsonSchema } from '../catalogue.ts';

/** The input types the builder edits; anything else is kept as it is and shown as unsupported. */
export const INPUT_TYPES = ['string', 'number', 'integer', 'boolean'] as const;
export type InputType = (typeof INPUT_TYPES)[number];

export const INPUT_TYPE_LABELS: Record<InputType, string> = {
  string: 'Text',
  number: 'Number',
  integer: 'Whole number',
  boolean: 'Yes / no',
};

/** One declared run input, as a row of the inputs builder. */
export interface InputRow {
  name: string;
  type: InputType;
  description: string;
  /** Typed as the input's type; undefined for none. */
  default?: string | number | boolean;
  required: boolean;
  /** Text inputs only: the allowed values (an `enum`); empty for any text. */
  choices: string[];
  /** Keywords the builder does not edit (`minLength`, `title`…), kept as they were. */
  extra: JsonSchema;
  /** Set when the builder cannot edit this property (an object, an array, a `$ref`…): kept verbatim in `raw`. */
  unsupported?: string;
  raw?: JsonSchema;
}

/** The schema as rows, or why the builder cannot edit it at all (then it is kept, untouched). */
export type InputsModel = { ok: true; rows: InputRow[]; extra: JsonSchema } | { ok: false; reason: string };

const ROW_KEYS = new Set(['type', 'description', 'default', 'enum']);

/** Reads a workflow's `inputs` JSON Schema (an object schema) into builder rows; undefined gives no rows. */
export function schemaToRows(schema: unknown): InputsModel {
  if (schema === undefined) return { ok: true, rows: [], extra: {} };
  if (!isRecord(schema)) return { ok: false, reason: 'the inputs schema is not an object' };
  const { type, properties = {}, required = [], ...extra } = schema;
  if (type !== undefined && type !== 'object')
    return { ok: false, reason: `the inputs schema's type is ${JSON.stringify(type)}, not "object"` };
  if (!isRecord(properties)) return { ok: false, reason: 'its "properties" is not an object' };
  if (!Array.isArray(required) || required.some((name) => typeof name !== 'string'))
    return { ok: false, reason: 'its "required" is not a list of names' };
  for (const keyword of ['allOf', 'anyOf', 'oneOf', '$ref', 'if', 'not']) {
    if (keyword in extra) return { ok: false, reason: `it uses "${keyword}", which the builder does not edit` };
  }
  const rows = Object.entries(properties).map(([name, property]) => toRow(name, property, required.includes(name)));
  return { ok: true, rows, extra };
}

function toRow(name: string, property: unknown, required: boolean): InputRow {
  const base = { name, required, description: '', choices: [], extra: {} };
  if (!isRecord(property)) return { ...base, type: 'string', unsupported: 'not a schema object', raw: {} };
  const unsupported = (reason: string): InputRow => ({ ...base, type: 'string', unsupported: reason, raw: property });
  const { type, description, default: fallback, enum: choices, ...extra } = property;
  if (!(INPUT_TYPES as readonly unknown[]).includes(type)) {
    return unsupported(type === undefined ? 'no type' : `type ${JSON.stringify(type)}`);
  }
  const inputType = type as InputType;
  if (description !== undefined && typeof description !== 'string') return unsupported('a description that is not text');
  if (choices !== undefined && (inputType !== 'string' || !Array.isArray(choices) || choices.some((c) => typeof c !== 'string'))) {
    return unsupported('choices that are not text');
  }
  if (fallback !== undefined && !matchesType(inputType, fallback))
    return unsupported(`a default that is not ${INPUT_TYPE_LABELS[inputType]}`);
  const row: InputRow = {
    ...base,
    type: inputType,
    description: description ?? '',
    choices: (choices as string[] | undefined) ?? [],
    extra,
  };
  if (fallback !== undefined) row.default = fallback as string | number | boolean;
  return row;
}

/** Writes rows back as an object schema (rows in order; what the builder does not edit is kept). No rows and nothing else: undefined. */
export function rowsToSchema(rows: readonly InputRow[], extra: JsonSchema = {}): JsonSchema | undefined {
  if (rows.length === 0 && Object.keys(extra).length === 0) return undefined;
  const properties: Record<string, JsonSchema> = {};
  for (const row of rows) properties[row.name] = row.unsupported !== undefined ? (row.raw ?? {}) : propertyOf(row);
  const required = rows.filter((row) => row.required).map((row) => row.name);
  return { type: 'object', properties, ...(required.length > 0 ? { required } : {}), ...extra };
}

function propertyOf(row: InputRow): JsonSchema {
  const property: JsonSchema = { type: row.type };
  if (row.description.trim() !== '') property.description = row.description;
  if (row.type === 'string' && row.choices.length > 0) property.enum = [...row.choices];
  if (row.default !== undefined) property.default = row.default;
  for (const [key, value] of Object.entries(row.extra)) if (!ROW_KEYS.has(key)) property[key] = value;
  return property;
}

/** What is wrong with a row's name (empty, a duplicate, reserved, not usable in `{{ name }}`), or undefined. */
export function rowNameProblem(rows: readonly InputRow[], index: number): string | undefined {
  const name = rows[index]?.name ?? '';
  if (name === '') return 'give the input a name';
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) return 'use letters, digits and _ (not first), so {{ name }} can use it';
  if (isReservedName(name)) return `"${name}" is reserved`;
  if (rows.findIndex((row) => row.name === name) !== index) return `another input is named "${name}"`;
  return undefined;
}

/** A fresh row with a name no other row has (`input1`, `input2`…). */
export function newRow(rows: readonly InputRow[]): InputRow {
  const names = new Set(rows.map((row) => row.name));
  let n = rows.length + 1;
  while (names.has(`input${n}`)) n++;
  return { name: `input${n}`, type: 'string', description: '', required: false, choices: [], extra: {} };
}

/** Parses typed default text for a type: '' gives undefined; text that does not fit gives an error message. */
export function parseDefault(
  type: InputType,
  text: string,
): { ok: true; value: string | number | boolean | undefined } | { ok: false; message: string } {
  if (text === '') return { ok: true, value: undefined };
  if (type === 'string') return { ok: true, value: text };
  if (type === 'boolean')
    return text === 'true' || text === 'false' ? { ok: true, value: text === 'true' } : { ok: false, message: 'choose yes or no' };
  const value = Number(text.trim());
  if (text.trim() === '' || !Number.isFinite(value)) return { ok: false, message: 'enter a number' };
  if (type === 'integer' && !Number.isInteger(value)) return { ok: false, message: 'enter a whole number' };
  return { ok: true, value };
}

/** Changes a row's type, dropping a default and choices that no longer fit. */
export function withType(row: InputRow, type: InputType): InputRow {
  const next: InputRow = { ...row, type, choices: type === 'string' ? row.choices : [] };
  if (next.default !== undefined && !matchesType(type, next.default)) delete next.default;
  return next;
}

function matchesType(type: InputType, value: unknown): boolean {
  switch (type) {
    case 'string':
      return typeof value === 'string';
    case 'boolean':
      return typeof value === 'boolean';
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value);
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
