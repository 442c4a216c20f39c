import { isValidElement } from 'react';
import { describe, expect, it } from 'vitest';
import { valueRefPath } from '../../src-shared/run-log/value-ref.ts';
import { RefValue } from './ref-value.tsx';
import { ValueView } from './value-view.tsx';

describe('ValueView', () => {
  it('keys a large value by its ref, so another value at the same place does not keep the text loaded for the last', () => {
    const view = (sha: string) => ValueView({ runId: 'r1', value: { $ref: valueRefPath(sha.repeat(64)), bytes: 5000 } });
    const first = view('a');
    const next = view('b');
    expect(isValidElement(first) && first.type === RefValue).toBe(true);
    expect(first.key).toBe(valueRefPath('a'.repeat(64)));
    expect(next.key).not.toBe(first.key);
  });
});
