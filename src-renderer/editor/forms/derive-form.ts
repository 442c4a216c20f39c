import type { JsonSchema } from '../catalogue.ts';
import {
  UI_HINTS,
  type FieldDescriptor,
  type FieldKind,
  type FieldOption,
  type FieldVariant,
  type FormModel,
  type UiHint,
} from './field-descriptor.ts';

/** Derives the inspector form of a config JSON Schema (an object schema). No node type has a hand-written form. */
export function deriveForm(schema: JsonSchema): FormModel {
  return { fields: objectFields(schema, []) };
}

function objectFields(schema: JsonSchema, base: (string | number)[]): FieldDescriptor[] {
  const properties = asRecord(schema.properties);
  if (properties === undefined) return [];
  const required = new Set(Array.isArray(schema.required) ? schema.required.filter((key) => typeof key === 'string') : []);
  return Object.entries(properties).map(([key, property]) => deriveField(asRecord(property) ?? {}, [...base, key], required.has(key)));
}

/** One field from one property schema. */
export function deriveField(schema: JsonSchema, path: (string | number)[], required: boolean): FieldDescriptor {
  const { schema: inner, nullable } = unwrapNullable(schema);
  const hint = uiHint(schema) ?? uiHint(inner);
  const last = path[path.length - 1];
  const field: FieldDescriptor = {
    path,
    label:
      typeof inner.title === 'string'
        ? inner.title
        : typeof schema.title === 'string'
          ? schema.title
          : humanize(last === undefined ? '' : String(last)),
    kind: 'json',
    required,
  };
  const description = schema.description ?? inner.description;
  if (typeof description === 'string') field.description = description;
  if ('default' in schema) field.default = schema.default;
  else if ('default' in inner) field.default = inner.default;
  if (nullable) field.nullable = true;
  const when = whenOf(schema) ?? whenOf(inner);
  if (when !== undefined) field.when = when;

  const options = optionsOf(inner);
  const union = discriminatedUnion(inner);
  const type = typeOf(inner);
  if (hint === 'json-schema') {
    field.kind = 'schema';
  } else if (hint === 'node' && type === 'object') {
    field.kind = 'node';
    field.fields = objectFields(inner, path);
  } else if (options !== undefined && hint !== 'json') {
    field.kind = 'select';
    field.options = options;
  } else if (union !== undefined) {
    field.kind = 'object';
    field.fields = [union.select];
    field.discriminator = { key: union.key, variants: union.variants };
  } else if (type === 'string') {
    field.kind = stringKind(hint);
    copyNumber(inner, 'minLength', field, 'minLength');
    copyNumber(inner, 'maxLength', field, 'maxLength');
    if (typeof inner.pattern === 'string') field.pattern = inner.pattern;
  } else if (type === 'number' || type === 'integer') {
    field.kind = type;
    numberBounds(inner, field);
  } else if (type === 'boolean') {
    field.kind = 'toggle';
  } else if (type === 'array') {
    const items = asRecord(inner.items);
    const itemField = items === undefined ? undefined : deriveField(items, [], true);
    // Items of a known shape get rows; items of any shape are left to the value editor.
    if (itemField !== undefined && itemField.kind !== 'json') {
      field.kind = 'list';
      field.item = itemField;
      if (hint === 'json') field.jsonView = true;
    }
  } else if (type === 'object' && hint !== 'json' && asRecord(inner.properties) !== undefined && !isOpenRecord(inner)) {
    field.kind = 'object';
    field.fields = objectFields(inner, path);
  } else if (type === 'object' && isOpenRecord(inner)) {
    const values = asRecord(inner.additionalProperties);
    const valueField = values === undefined ? undefined : deriveField(values, [], true);
    if (valueField !== undefined && RECORD_VALUE_KINDS.has(valueField.kind)) {
      field.kind = 'record';
      field.item = valueField;
    }
  }
  return field;
}

/** The values a key-value table edits in one cell; other records go to the value editor. */
const RECORD_VALUE_KINDS = new Set<FieldKind>(['text', 'template', 'expression', 'number', 'integer', 'toggle', 'select', 'secret']);

function stringKind(hint: UiHint | undefined): FieldKind {
  switch (hint) {
    case 'provider':
    case 'model':
    case 'cron':
    case 'timezone':
    case 'workflow':
    case 'template':
    case 'expression':
    case 'textarea':
    case 'secret':
    case 'json':
      return hint;
    default:
      return 'text';
  }
}

function numberBounds(schema: JsonSchema, field: FieldDescriptor): void {
  copyNumber(schema, 'minimum', field, 'min');
  copyNumber(schema, 'maximum', field, 'max');
  if (typeof schema.exclusiveMinimum === 'number') {
    field.min = schema.exclusiveMinimum;
    field.exclusiveMin = true;
  }
  if (typeof schema.exclusiveMaximum === 'number') {
    field.max = schema.exclusiveMaximum;
    field.exclusiveMax = true;
  }
  // z.int() writes ±MAX_SAFE_INTEGER as bounds: no bound worth showing.
  if (field.max === Number.MAX_SAFE_INTEGER) delete field.max;
  if (field.min === Number.MIN_SAFE_INTEGER) delete field.min;
}

function copyNumber<K extends 'min' | 'max' | 'minLength' | 'maxLength'>(
  schema: JsonSchema,
  from: string,
  field: FieldDescriptor,
  to: K,
): void {
  const value = schema[from];
  if (typeof value === 'number') field[to] = value;
}

/** `enum`, `const`, or `anyOf`/`oneOf` of consts and enums → choices; undefined otherwise. */
function optionsOf(schema: JsonSchema): FieldOption[] | undefined {
  if (Array.isArray(schema.enum)) return schema.enum.filter(isScalar).map(toOption);
  if ('const' in schema && isScalar(schema.const)) return [toOption(schema.const)];
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (!Array.isArray(alternatives) || alternatives.length === 0) return undefined;
  const options: FieldOption[] = [];
  for (const alternative of alternatives) {
    const record = asRecord(alternative);
    if (record === undefined) return undefined;
    const inner = record.enum === undefined && !('const' in record) ? undefined : optionsOf(record);
    if (inner === undefined) return undefined;
    for (const option of inner) {
      if (typeof record.title === 'string' && inner.length === 1) option.label = record.title;
      else if (typeof record.description === 'string' && inner.length === 1) option.label = record.description;
      options.push(option);
    }
  }
  return options;
}

/** `oneOf`/`anyOf` of object schemas sharing a property with a const in each: a select plus each variant's fields. */
function discriminatedUnion(schema: JsonSchema): { key: string; select: FieldDescriptor; variants: FieldVariant[] } | undefined {
  const alternatives = schema.oneOf ?? schema.anyOf;
  if (!Array.isArray(alternatives) || alternatives.length < 2) return undefined;
  const objects = alternatives.map(asRecord);
  if (objects.some((object) => object === undefined || asRecord(object.properties) === undefined)) return undefined;
  const first = asRecord(objects[0]!.properties) ?? {};
  const key = Object.keys(first).find((candidate) =>
    objects.every((object) => isScalar(asRecord(asRecord(object?.properties)?.[candidate])?.const)),
  );
  if (key === undefined) return undefined;
  const variants: FieldVariant[] = objects.map((object) => {
    const variant = object!;
    const value = asRecord(asRecord(variant.properties)?.[key])?.const as string | number | boolean;
    const { [key]: _discriminator, ...others } = asRecord(variant.properties) ?? {};
    return {
      value,
      label: typeof variant.title === 'string' ? variant.title : humanize(String(value)),
      fields: objectFields({ ...variant, properties: others }, []),
    };
  });
  const select: FieldDescriptor = {
    path: [key],
    label: humanize(key),
    kind: 'select',
    required: true,
    options: variants.map((variant) => ({ value: variant.value, label: variant.label })),
  };
  return { key, select, variants };
}

function unwrapNullable(schema: JsonSchema): { schema: JsonSchema; nullable: boolean } {
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (Array.isArray(alternatives) && alternatives.length === 2) {
    const records = alternatives.map(asRecord);
    const nullIndex = records.findIndex((record) => record?.type === 'null');
    const other = records[1 - nullIndex];
    if (nullIndex !== -1 && other !== undefined) return { schema: { ...other }, nullable: true };
  }
  if (Array.isArray(schema.type) && schema.type.length === 2 && schema.type.includes('null')) {
    return { schema: { ...schema, type: schema.type.find((t) => t !== 'null') }, nullable: true };
  }
  return { schema, nullable: false };
}

function typeOf(schema: JsonSchema): string | undefined {
  return typeof schema.type === 'string' ? schema.type : undefined;
}

function isOpenRecord(schema: JsonSchema): boolean {
  return (
    Object.keys(asRecord(schema.properties) ?? {}).length === 0 &&
    schema.additionalProperties !== undefined &&
    schema.additionalProperties !== false
  );
}

/** A `when` hint: sibling keys to lists of scalar values; anything else is ignored. */
function whenOf(schema: JsonSchema): Record<string, (string | number | boolean)[]> | undefined {
  const when = asRecord(schema.when);
  if (when === undefined) return undefined;
  const out: Record<string, (string | number | boolean)[]> = {};
  for (const [key, values] of Object.entries(when)) {
    if (!Array.isArray(values)) return undefined;
    out[key] = values.filter((v): v is string | number | boolean => v !== null && isScalar(v));
  }
  return out;
}

function uiHint(schema: JsonSchema): UiHint | undefined {
  return (UI_HINTS as readonly unknown[]).includes(schema.ui) ? (schema.ui as UiHint) : undefined;
}

function asRecord(value: unknown): JsonSchema | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as JsonSchema) : undefined;
}

function isScalar(value: unknown): value is string | number | boolean | null {
  return value === null || ['string', 'number', 'boolean'].includes(typeof value);
}

function toOption(value: string | number | boolean | null): FieldOption {
  return { value, label: value === null ? '(none)' : String(value) };
}

/** `maxTokens` → "Max tokens", `on_item_error` → "On item error". */
/** Words a config key spells in lower case that a person reads otherwise ("maxCostUsd": Max cost USD). */
const ACRONYMS: Readonly<Record<string, string>> = {
  usd: 'USD',
  url: 'URL',
  http: 'HTTP',
  llm: 'LLM',
  id: 'ID',
  ids: 'IDs',
  json: 'JSON',
  csv: 'CSV',
  api: 'API',
  ms: '(ms)',
  k: 'K',
};

export function humanize(key: string): string {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .trim()
    .toLowerCase()
    .split(' ')
    .map((word) => (Object.hasOwn(ACRONYMS, word) ? ACRONYMS[word] : word))
    .join(' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}
