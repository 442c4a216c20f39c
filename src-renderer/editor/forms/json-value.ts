/** The kinds of JSON value the value editor offers, in the order of its type picker. */
export const VALUE_KINDS = ['string', 'number', 'boolean', 'object', 'array', 'null'] as const;
export type ValueKind = (typeof VALUE_KINDS)[number];

export const VALUE_KIND_LABELS: Record<ValueKind, string> = {
  string: 'Text',
  number: 'Number',
  boolean: 'Yes / no',
  object: 'Object',
  array: 'List',
  null: 'Empty (null)',
};

export function kindOf(value: unknown): ValueKind {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return 'array';
  switch (typeof value) {
    case 'string':
      return 'string';
    case 'number':
      return 'number';
    case 'boolean':
      return 'boolean';
    default:
      return 'object';
  }
}

/** A value turned into another kind, keeping what carries over (text of a number, a number from text, items of an object). */
export function convertValue(value: unknown, kind: ValueKind): unknown {
  if (kindOf(value) === kind) return value;
  switch (kind) {
    case 'string':
      if (typeof value === 'number' || typeof value === 'boolean') return String(value);
      return typeof value === 'object' && value !== null ? JSON.stringify(value) : '';
    case 'number': {
      const number = typeof value === 'string' ? Number(value.trim()) : typeof value === 'boolean' ? Number(value) : NaN;
      return Number.isFinite(number) && !(typeof value === 'string' && value.trim() === '') ? number : 0;
    }
    case 'boolean':
      return value === 'true' || value === 1;
    case 'object':
      return Array.isArray(value) ? Object.fromEntries(value.map((item, index) => [String(index), item])) : {};
    case 'array':
      return typeof value === 'object' && value !== null
        ? Object.values(value)
        : value === null || value === undefined || value === ''
          ? []
          : [value];
    case 'null':
      return null;
  }
}

/** The object with one key renamed in place (its position kept); unchanged when the new key is taken or empty. */
export function renameKey(object: Record<string, unknown>, from: string, to: string): Record<string, unknown> {
  if (from === to || to === '' || Object.hasOwn(object, to)) return object;
  return Object.fromEntries(Object.entries(object).map(([key, value]) => [key === from ? to : key, value]));
}

/** A key not yet in the object: `base`, then `base2`, `base3`… */
export function freeKey(object: Record<string, unknown>, base = 'field'): string {
  if (!Object.hasOwn(object, base)) return base;
  let n = 2;
  while (Object.hasOwn(object, `${base}${n}`)) n++;
  return `${base}${n}`;
}

/** The list with the item at `from` moved to `to` (both clamped); a new array. */
export function moveItem<T>(list: readonly T[], from: number, to: number): T[] {
  const next = [...list];
  if (from < 0 || from >= next.length) return next;
  const target = Math.max(0, Math.min(next.length - 1, to));
  const [item] = next.splice(from, 1);
  next.splice(target, 0, item as T);
  return next;
}

/** The list without the item at `index`; a new array. */
export function removeItem<T>(list: readonly T[], index: number): T[] {
  return list.filter((_, i) => i !== index);
}
