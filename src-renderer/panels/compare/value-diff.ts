import { formatBytes, isValueRef } from '../../../src-shared/run-log/value-ref.ts';

/** Differences listed before "and N more". */
export const DIFF_LIMIT = 200;
/** Characters of a string shown on each side of its first difference. */
const EXCERPT_BEFORE = 20;
const EXCERPT_LENGTH = 60;
/** Longest compact JSON shown for a value before it is summed up (`{3 keys}`). */
const PREVIEW_LENGTH = 60;

/**
 * One place where value B differs from value A, at `path` (`answer.items[2].price`; `''` is the whole value).
 * `a` and `b` are short previews to show, not the values.
 */
export type DiffEntry =
  | { kind: 'added'; path: string; b: string }
  | { kind: 'removed'; path: string; a: string }
  /** Another value, or another type (the same types of object or array are compared inside). */
  | { kind: 'changed'; path: string; a: string; b: string }
  /** Strings: an excerpt of both around their first difference. */
  | { kind: 'text'; path: string; a: string; b: string }
  /** Arrays of other lengths (their items are compared index by index besides). */
  | { kind: 'length'; path: string; a: number; b: number }
  /** Either side is a large value stored apart (a value ref): compared by its `$ref`, never fetched. */
  | { kind: 'large'; path: string; a: string; b: string };

export interface ValueDiff {
  /** The first `limit` differences, in the order of A's keys (then B's new ones) and of array indexes. */
  entries: DiffEntry[];
  /** How many more differences there are past those. */
  more: number;
}

/**
 * Where JSON value `b` differs from `a`: keys added or removed, values changed, recursing into objects and arrays
 * (index by index). `undefined` is an absent value (a whole value on one side only is added or removed).
 */
export function diffValues(a: unknown, b: unknown, limit = DIFF_LIMIT): ValueDiff {
  const diff: ValueDiff = { entries: [], more: 0 };
  const report = (entry: DiffEntry) => {
    if (diff.entries.length < limit) diff.entries.push(entry);
    else diff.more++;
  };
  walk(a, b, '', report);
  return diff;
}

function walk(a: unknown, b: unknown, path: string, report: (entry: DiffEntry) => void): void {
  if (a === b) return;
  if (a === undefined) return report({ kind: 'added', path, b: preview(b) });
  if (b === undefined) return report({ kind: 'removed', path, a: preview(a) });
  if (isValueRef(a) || isValueRef(b)) {
    if (isValueRef(a) && isValueRef(b) && a.$ref === b.$ref) return;
    return report({ kind: 'large', path, a: preview(a), b: preview(b) });
  }
  if (typeof a === 'string' && typeof b === 'string') return report({ kind: 'text', path, ...excerpts(a, b) });
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) report({ kind: 'length', path, a: a.length, b: b.length });
    for (let index = 0; index < Math.max(a.length, b.length); index++) {
      walk(index < a.length ? a[index] : undefined, index < b.length ? b[index] : undefined, `${path}[${index}]`, report);
    }
    return;
  }
  if (isRecord(a) && isRecord(b)) {
    for (const key of Object.keys(a)) walk(a[key], Object.hasOwn(b, key) ? b[key] : undefined, keyPath(path, key), report);
    for (const key of Object.keys(b)) if (!Object.hasOwn(a, key)) walk(undefined, b[key], keyPath(path, key), report);
    return;
  }
  report({ kind: 'changed', path, a: preview(a), b: preview(b) });
}

/** Whether two JSON values are the same (value refs by their `$ref`). */
export function sameValue(a: unknown, b: unknown): boolean {
  let same = true;
  walk(a, b, '', () => (same = false));
  return same;
}

/** The top-level keys of two objects whose values differ (added, removed or changed); none unless both are objects. */
export function differingKeys(a: unknown, b: unknown): Set<string> {
  const keys = new Set<string>();
  if (!isRecord(a) || !isRecord(b) || isValueRef(a) || isValueRef(b)) return keys;
  for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
    if (!Object.hasOwn(a, key) || !Object.hasOwn(b, key) || !sameValue(a[key], b[key])) keys.add(key);
  }
  return keys;
}

/** `parent.key`, or `parent["odd key"]` when the key is not an identifier. */
export function keyPath(parent: string, key: string): string {
  if (!/^[A-Za-z_$][\w$]*$/.test(key)) return `${parent}[${JSON.stringify(key)}]`;
  return parent === '' ? key : `${parent}.${key}`;
}

/** A value in a few characters: compact JSON when short, else its kind and size. */
export function preview(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (isValueRef(value)) return `large value (${formatBytes(value.bytes)})`;
  if (typeof value === 'string') return JSON.stringify(clip(value, PREVIEW_LENGTH));
  const json = JSON.stringify(value) ?? 'undefined';
  if (json.length <= PREVIEW_LENGTH) return json;
  if (Array.isArray(value)) return `[${value.length} items]`;
  if (isRecord(value)) return `{${Object.keys(value).length} keys}`;
  return clip(json, PREVIEW_LENGTH);
}

/** Both strings around their first difference, quoted, `…` where cut. */
export function excerpts(a: string, b: string): { a: string; b: string } {
  let at = 0;
  while (at < a.length && at < b.length && a[at] === b[at]) at++;
  const start = Math.max(0, at - EXCERPT_BEFORE);
  const excerpt = (text: string) => {
    const part = JSON.stringify(text.slice(start, start + EXCERPT_LENGTH));
    return `${start > 0 ? '…' : ''}${part}${start + EXCERPT_LENGTH < text.length ? '…' : ''}`;
  };
  return { a: excerpt(a), b: excerpt(b) };
}

function clip(text: string, length: number): string {
  return text.length <= length ? text : `${text.slice(0, length)}…`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
