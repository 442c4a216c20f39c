export type FieldKind =
  | 'text'
  | 'textarea'
  | 'template'
  | 'expression'
  | 'number'
  | 'integer'
  | 'toggle'
  | 'select'
  | 'secret'
  /** A value of unknown shape: the generic value editor. */
  | 'json'
  | 'list'
  | 'object'
  /** An open record of scalar values (HTTP headers, query): a key-value table; `item` describes one value. */
  | 'record'
  /** A JSON Schema of an object (`ui: 'json-schema'`): the schema builder's field rows. */
  | 'schema'
  /** A node type and its config (`ui: 'node'`, an object of `type` and `config`): a node type picker and that type's form. */
  | 'node'
  /** A model provider's name (`ui: 'provider'`) and a model of it (`ui: 'model'`): dropdowns of the configured providers. */
  | 'provider'
  | 'model'
  /** A cron expression (`ui: 'cron'`): presets and the next fire times as you type. */
  | 'cron'
  /** An IANA time zone (`ui: 'timezone'`): a searchable list, the viewer's own zone first. */
  | 'timezone'
  /** A workflow of the workspace, by id (`ui: 'workflow'`): a picker by name. */
  | 'workflow';

/** The `ui` hints a config schema may carry (`.meta({ ui })`). */
export const UI_HINTS = [
  'template',
  'expression',
  'json',
  'select',
  'textarea',
  'secret',
  'json-schema',
  'node',
  'provider',
  'model',
  'cron',
  'timezone',
  'workflow',
] as const;
export type UiHint = (typeof UI_HINTS)[number];

export interface FieldOption {
  value: string | number | boolean | null;
  label: string;
}

/** One variant of a discriminated union: the discriminator's value and the variant's other fields. */
export interface FieldVariant {
  value: string | number | boolean;
  label: string;
  fields: FieldDescriptor[];
}

/** One inspector field, derived from the config's JSON Schema. */
export interface FieldDescriptor {
  /** From the config root; inside a list item, from the item. */
  path: (string | number)[];
  label: string;
  description?: string;
  kind: FieldKind;
  required: boolean;
  default?: unknown;
  /** select: the choices. */
  options?: FieldOption[];
  /** number, integer: bounds (exclusive ones are flagged). */
  min?: number;
  max?: number;
  exclusiveMin?: boolean;
  exclusiveMax?: boolean;
  /** text-like: length bounds and pattern. */
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  /** object: its fields (for a discriminated union, the discriminator select first). */
  fields?: FieldDescriptor[];
  /** object that is a discriminated union: the key and, per value, the variant's other fields. */
  discriminator?: { key: string; variants: FieldVariant[] };
  /** list: the descriptor of one item (path []); record: the descriptor of one value (path []). */
  item?: FieldDescriptor;
  /** list of objects with a `ui: 'json'` hint: the editor may also offer the list as raw JSON. */
  jsonView?: boolean;
  /** The value may be null. */
  nullable?: boolean;
  /**
   * Shown only when each named sibling field has one of the listed values (`.meta({ when: { mode: ['cron'] } })`):
   * the Schedule trigger's cron fields in mode cron, its interval in mode interval. Hidden fields keep their values.
   */
  when?: Record<string, readonly (string | number | boolean)[]>;
}

/** The form of a node type's config. */
export interface FormModel {
  fields: FieldDescriptor[];
}

/** The fields to show for an object value: for a discriminated union, the discriminator and the chosen variant's fields. */
export function fieldsFor(descriptor: FieldDescriptor, value: unknown): FieldDescriptor[] {
  const own = descriptor.fields ?? [];
  const union = descriptor.discriminator;
  if (union === undefined) return own;
  const chosen = typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[union.key] : undefined;
  const variant = union.variants.find((v) => v.value === chosen);
  return [...own, ...(variant?.fields ?? [])];
}

/**
 * Whether a field applies to a config: every sibling its `when` names has one of the listed values (a sibling left
 * empty counts as its default, from `siblings`' descriptors).
 */
export function fieldApplies(field: FieldDescriptor, config: unknown, siblings: readonly FieldDescriptor[]): boolean {
  if (field.when === undefined) return true;
  const values = typeof config === 'object' && config !== null ? (config as Record<string, unknown>) : {};
  return Object.entries(field.when).every(([key, allowed]) => {
    const value = Object.hasOwn(values, key) ? values[key] : siblings.find((s) => s.path[s.path.length - 1] === key)?.default;
    return allowed.some((choice) => Object.is(choice, value));
  });
}
