import { isValueRef } from '../../src-shared/run-log/value-ref.ts';

/** Inline values longer than this many characters show truncated, with "Show all". */
export const INLINE_LIMIT = 1_500;
/** …or with more lines than this. */
export const INLINE_LINES = 30;

/** A value as the trace shows it: pretty JSON (undefined as "undefined": an absent value, not JSON's null). */
export function valueText(value: unknown): string {
  if (value === undefined) return 'undefined';
  return JSON.stringify(value, null, 2) ?? 'undefined';
}

export interface Truncated {
  /** What to show. */
  text: string;
  /** Whether `text` is only the start of the value's text. */
  cut: boolean;
  /** The whole text's length, in characters. */
  length: number;
}

/** The start of `text`: at most `limit` characters and `lines` lines, cut at a line end when one is near. */
export function truncateText(text: string, limit = INLINE_LIMIT, lines = INLINE_LINES): Truncated {
  let end = Math.min(text.length, limit);
  let at = -1;
  for (let line = 0; line < lines; line++) {
    at = text.indexOf('\n', at + 1);
    if (at === -1 || at >= end) break;
    if (line === lines - 1) end = at;
  }
  if (end >= text.length) return { text, cut: false, length: text.length };
  // Cut at the last line end in the last fifth of the window, so a line is not broken in the middle.
  const lineEnd = text.lastIndexOf('\n', end);
  if (lineEnd > end * 0.8) end = lineEnd;
  return { text: text.slice(0, end), cut: true, length: text.length };
}

/** Whether a value holds a value ref anywhere (then it is shown part by part, each ref fetched on demand). */
export function containsValueRef(value: unknown): boolean {
  if (isValueRef(value)) return true;
  if (Array.isArray(value)) return value.some(containsValueRef);
  if (value === null || typeof value !== 'object') return false;
  return Object.values(value).some(containsValueRef);
}

/** A fetched large value's text, pretty-printed when it is whole valid JSON (pages are JSON text cut anywhere). */
export function prettyJsonText(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}
