import type { FieldDescriptor } from './field-descriptor.ts';
import { INPUT_TYPE_LABELS, schemaToRows, type InputRow } from './inputs-schema-rows.ts';
import { valueShapeOf, type ValueShape } from './value-shape.ts';

/** One field of the Run form: a declared input and the field that edits it. */
export interface RunInputField {
  name: string;
  field: FieldDescriptor;
  /** A declared input that is not a simple value (a list, an object…): edited with the value editor, or as JSON. */
  json: boolean;
  /** A structured input's shape from its schema (a list's items, an object's properties); undefined for any value. */
  shape?: ValueShape;
}

/** The Run form's fields, from the workflow's inputs schema; `unsupported` says why there are none when it cannot be read. */
export function runInputFields(schema: unknown): { fields: RunInputField[]; unsupported?: string } {
  const model = schemaToRows(schema);
  if (!model.ok) return { fields: [], unsupported: model.reason };
  return { fields: model.rows.map(toField) };
}

function toField(row: InputRow): RunInputField {
  const base: FieldDescriptor = { path: [row.name], label: row.name, kind: 'json', required: row.required };
  if (row.description !== '') base.description = row.description;
  if (row.unsupported !== undefined) {
    const description = typeof row.raw?.description === 'string' ? row.raw.description : undefined;
    const field: FieldDescriptor = { ...base, ...(description === undefined ? {} : { description }) };
    // Its declared default prefills it too, so the form's values follow the schema's order.
    if (row.raw !== undefined && 'default' in row.raw) field.default = row.raw.default;
    const shape = valueShapeOf(row.raw);
    return { name: row.name, json: true, field, ...(shape === undefined ? {} : { shape }) };
  }
  if (row.default !== undefined) base.default = row.default;
  const field: FieldDescriptor = { ...base, kind: kindOf(row) };
  if (row.choices.length > 0) field.options = row.choices.map((choice) => ({ value: choice, label: choice }));
  const { minimum, maximum, minLength, maxLength } = row.extra;
  if (typeof minimum === 'number') field.min = minimum;
  if (typeof maximum === 'number') field.max = maximum;
  if (typeof minLength === 'number') field.minLength = minLength;
  if (typeof maxLength === 'number') field.maxLength = maxLength;
  return { name: row.name, json: false, field };
}

function kindOf(row: InputRow): FieldDescriptor['kind'] {
  if (row.type === 'boolean') return 'toggle';
  if (row.type === 'number' || row.type === 'integer') return row.type;
  return row.choices.length > 0 ? 'select' : 'text';
}

/** "Text", "Whole number"…: what a field takes, for its hint. */
export function runInputTypeLabel(schema: unknown, name: string): string | undefined {
  const model = schemaToRows(schema);
  const row = model.ok ? model.rows.find((r) => r.name === name) : undefined;
  return row === undefined || row.unsupported !== undefined ? undefined : INPUT_TYPE_LABELS[row.type];
}

/**
 * The values the Run form starts with: what was already entered, else the input's default, else (files from before
 * the Run form) the manual trigger's sample value, else false for a yes/no input. Inputs no longer declared are dropped
 * when the schema declares any.
 */
export function prefillInputs(
  fields: readonly RunInputField[],
  current: Readonly<Record<string, unknown>>,
  sample: Readonly<Record<string, unknown>> | undefined,
): Record<string, unknown> {
  if (fields.length === 0) return Object.keys(current).length > 0 ? { ...current } : { ...sample };
  const values: Record<string, unknown> = {};
  for (const { name, field } of fields) {
    const value = current[name] ?? field.default ?? sample?.[name] ?? (field.kind === 'toggle' ? false : undefined);
    if (value !== undefined) values[name] = value;
  }
  return values;
}

/** The manual trigger's `sample` (files from before the Run form kept their run inputs there), if a trigger has one. */
export function triggerSample(nodes: readonly { type: string; config: Record<string, unknown> }[]): Record<string, unknown> | undefined {
  for (const node of nodes) {
    const sample = node.type === 'core.manual-trigger' ? node.config.sample : undefined;
    if (typeof sample === 'object' && sample !== null && !Array.isArray(sample) && Object.keys(sample).length > 0) {
      return sample as Record<string, unknown>;
    }
  }
  return undefined;
}

/** The Run form's first values for a workflow: its declared inputs' defaults, else (older files) the trigger's sample. */
export function initialRunInputs(graph: {
  meta: { inputs?: unknown };
  nodes: readonly { data: { type: string; config: Record<string, unknown> } }[];
}): Record<string, unknown> {
  return prefillInputs(runInputFields(graph.meta.inputs).fields, {}, triggerSample(graph.nodes.map((node) => node.data)));
}
