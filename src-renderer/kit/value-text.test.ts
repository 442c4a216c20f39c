import { describe, expect, it } from 'vitest';
import { formatBytes } from '../../src-shared/run-log/value-ref.ts';
import { containsValueRef, prettyJsonText, truncateText, valueText } from './value-text.ts';

const REF = { $ref: `values/${'a'.repeat(64)}.json`, bytes: 9000 };

describe('valueText', () => {
  it('is pretty JSON, and says undefined for an absent value', () => {
    expect(valueText({ a: [1, 'x'] })).toBe('{\n  "a": [\n    1,\n    "x"\n  ]\n}');
    expect(valueText('hi')).toBe('"hi"');
    expect(valueText(undefined)).toBe('undefined');
  });
});

describe('truncateText', () => {
  it('leaves short text whole', () => {
    expect(truncateText('short', 100)).toEqual({ text: 'short', cut: false, length: 5 });
  });

  it('cuts long text at the limit, at a line end when one is near', () => {
    const long = 'x'.repeat(3000);
    expect(truncateText(long, 1000)).toEqual({ text: 'x'.repeat(1000), cut: true, length: 3000 });
    const lines = `${'a'.repeat(95)}\n${'b'.repeat(200)}`;
    expect(truncateText(lines, 100).text).toBe('a'.repeat(95));
  });

  it('cuts text with too many lines after the last allowed line', () => {
    const text = Array.from({ length: 50 }, (_, i) => `line ${i}`).join('\n');
    const cut = truncateText(text, 10_000, 3);
    expect(cut.text).toBe('line 0\nline 1\nline 2');
    expect(cut.cut).toBe(true);
    expect(truncateText('a\nb\nc', 10_000, 3).cut).toBe(false);
  });
});

describe('containsValueRef', () => {
  it('finds refs at any depth, and only exact refs', () => {
    expect(containsValueRef(REF)).toBe(true);
    expect(containsValueRef({ messages: [{ role: 'user' }, REF] })).toBe(true);
    expect(containsValueRef({ $ref: 'elsewhere', bytes: 3 })).toBe(false);
    expect(containsValueRef([1, 'two', null])).toBe(false);
  });
});

describe('formatBytes and prettyJsonText', () => {
  it('formats sizes in B, KB and MB', () => {
    expect(formatBytes(812)).toBe('812 B');
    expect(formatBytes(4200)).toBe('4.1 KB');
    expect(formatBytes(12 * 1024 * 1024)).toBe('12.0 MB');
  });

  it('pretty-prints whole JSON and leaves a cut page as it is', () => {
    expect(prettyJsonText('{"a":1}')).toBe('{\n  "a": 1\n}');
    expect(prettyJsonText('{"a":1')).toBe('{"a":1');
  });
});
