import { useState } from 'react';

/**
 * Text being typed into a field whose stored value is parsed from it. The text follows the stored value when that
 * changes from elsewhere (undo, another window), but not while the typed text is what produced it ("1." stays "1.").
 */
export function useDraft<V>(value: V, toText: (value: V) => string) {
  const [state, setState] = useState({ value, text: toText(value) });
  let current = state;
  if (!sameValue(value, state.value)) {
    current = { value, text: toText(value) };
    setState(current);
  }
  return {
    text: current.text,
    /** The person typed `text`; `next` is the value it was stored as (or the old value when it is invalid). */
    typed: (text: string, next: V) => setState({ value: next, text }),
  };
}

function sameValue(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  return JSON.stringify(a) === JSON.stringify(b);
}
