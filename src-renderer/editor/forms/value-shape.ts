import type { ValueKind } from './json-value.ts';

/** One declared property of an object value: its key, its label (its `title`, else the key as templates use it), its shape, and whether it is required. */
export interface ShapeProperty {
  key: string;
  label: string;
  shape: ValueShape | undefined;
  required: boolean;
}

/**
 * What a JSON Schema says about a value, as the value editor reads it: a fixed kind (no type picker), text choices,
 * a list's item shape, an object's declared properties (shown as sub-fields). Undefined: any value.
 */
export interface ValueShape {
  kind: ValueKind;
  integer?: boolean;
  /** Text from a fixed list (`enum` of strings). */
  choices?: string[];
  /** A list's items; undefined for items of any shape. */
  item?: ValueShape;
  /** An object's declared properties, in their order; undefined for an object of any keys. */
  properties?: ShapeProperty[];
}

const KINDS: Record<string, ValueKind> = {
  string: 'string',
  number: 'number',
  integer: 'number',
  boolean: 'boolean',
  array: 'array',
  object: 'object',
  null: 'null',
};

/** The shape a JSON Schema gives a value, or undefined when it fixes none (no type, a union, a `$ref`…). */
export function valueShapeOf(schema: unknown): ValueShape | undefined {
  if (!isRecord(schema)) return undefined;
  const choices = Array.isArray(schema.enum) && schema.enum.every((c) => typeof c === 'string') ? schema.enum : undefined;
  const kind = typeof schema.type === 'string' ? KINDS[schema.type] : choices === undefined ? undefined : 'string';
  if (kind === undefined) return undefined;
  const shape: ValueShape = { kind };
  if (schema.type === 'integer') shape.integer = true;
  if (kind === 'string' && choices !== undefined && choices.length > 0) shape.choices = choices;
  if (kind === 'array') {
    const item = valueShapeOf(schema.items);
    if (item !== undefined) shape.item = item;
  }
  if (kind === 'object' && isRecord(schema.properties) && Object.keys(schema.properties).length > 0) {
    const required = Array.isArray(schema.required) ? schema.required : [];
    shape.properties = Object.entries(schema.properties).map(([key, property]) => ({
      key,
      label: isRecord(property) && typeof property.title === 'string' ? property.title : key,
      shape: valueShapeOf(property),
      required: required.includes(key),
    }));
  }
  return shape;
}

/**
 * The value a new item of this shape starts with: '' (or the first choice), 0, no, an empty list, an object of its
 * required properties' empty values; '' for a value of any shape.
 */
export function emptyValueOf(shape: ValueShape | undefined): unknown {
  switch (shape?.kind) {
    case undefined:
    case 'string':
      return shape?.choices?.[0] ?? '';
    case 'number':
      return 0;
    case 'boolean':
      return false;
    case 'array':
      return [];
    case 'null':
      return null;
    case 'object':
      return Object.fromEntries((shape.properties ?? []).filter((p) => p.required).map((p) => [p.key, emptyValueOf(p.shape)]));
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
