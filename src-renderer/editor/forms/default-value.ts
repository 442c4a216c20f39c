import type { FieldDescriptor } from './field-descriptor.ts';

/** The value a new list row (or a field switched on) starts with: the schema's default, else an empty value of its kind. */
export function defaultValue(field: FieldDescriptor): unknown {
  if (field.default !== undefined) return structuredClone(field.default);
  switch (field.kind) {
    case 'object': {
      const union = field.discriminator;
      const variant = union?.variants[0];
      const fields = [...(field.fields ?? []).filter((f) => lastKey(f) !== union?.key), ...(variant?.fields ?? [])];
      const value: Record<string, unknown> = union === undefined || variant === undefined ? {} : { [union.key]: variant.value };
      for (const f of fields) {
        const inner = f.default !== undefined || f.kind === 'object' || f.required ? defaultValue(f) : undefined;
        if (inner !== undefined) value[lastKey(f)] = inner;
      }
      return value;
    }
    case 'list':
      return [];
    case 'record':
    case 'schema':
      return {};
    case 'node':
      return { type: 'core.transform', config: {} };
    case 'number':
    case 'integer':
      return field.min ?? 0;
    case 'toggle':
      return false;
    case 'select':
      return field.options?.[0]?.value;
    case 'json':
      return null;
    default:
      return '';
  }
}

/**
 * A new row's value in a list: its default, with a `name` made unique among the rows (route, route-2, route-3…),
 * since names of rows (routes, tools) are usually ports or identifiers.
 */
export function newListItem(item: FieldDescriptor, existing: readonly unknown[]): unknown {
  const value = defaultValue(item);
  if (typeof value !== 'object' || value === null || Array.isArray(value) || !('name' in value)) return value;
  const taken = new Set(existing.map((row) => (typeof row === 'object' && row !== null ? (row as { name?: unknown }).name : undefined)));
  const base = typeof value.name === 'string' && value.name !== '' ? value.name : 'item';
  let name = base;
  for (let n = 2; taken.has(name); n++) name = `${base}-${n}`;
  return { ...value, name };
}

/** The key of a field inside its object: the last step of its path. */
export function lastKey(field: FieldDescriptor): string {
  return String(field.path[field.path.length - 1] ?? '');
}
