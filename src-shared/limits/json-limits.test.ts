import { describe, expect, it } from 'vitest';
import { OperonError } from '../errors/operon-error.ts';
import { assertJsonDepth, MAX_JSON_DEPTH, scanJson, textTooLarge } from './json-limits.ts';

/** An array nested `depth` levels: depth 1 is `[]`. */
function nested(depth: number): unknown {
  let value: unknown = [];
  for (let level = 1; level < depth; level++) value = [value];
  return value;
}

describe('scanJson', () => {
  it('lets a value exactly at the limit through and refuses one level more, naming the limit', () => {
    expect(scanJson(nested(MAX_JSON_DEPTH)).tooDeep).toBeUndefined();
    expect(scanJson(nested(MAX_JSON_DEPTH + 1)).tooDeep?.message).toBe('nested deeper than 128 levels (the limit)');
  });

  it('counts objects and arrays alike and ignores scalars', () => {
    expect(scanJson({ a: [{ b: 'x' }] }, { maxDepth: 3 }).tooDeep).toBeUndefined();
    expect(scanJson({ a: [{ b: {} }] }, { maxDepth: 3 }).tooDeep?.keys).toEqual(['a', 0, 'b']);
  });

  it('walks 100,000 levels without recursing', () => {
    expect(scanJson(JSON.parse(`${'['.repeat(1e5)}${']'.repeat(1e5)}`)).tooDeep?.message).toContain('128 levels');
  });

  it('names the path from a root, eliding the middle of a long one', () => {
    const value = JSON.parse(`{"fallback": ${'{"a":'.repeat(200)}1${'}'.repeat(200)}}`) as unknown;
    expect(scanJson(value, { root: 'nodes[3].settings' }).tooDeep?.path).toBe(
      'nodes[3].settings.fallback.a.a.a.a.a…(119 more levels)…a.a.a',
    );
    expect(scanJson(nested(5), { maxDepth: 1 }).tooDeep?.path).toBe('[0]');
  });

  it('finds __proto__ keys at any depth when asked', () => {
    const value = JSON.parse('{"__proto__": 1, "a": [{"b": {"__proto__": {}}}], "c": {"constructor": 2}}') as unknown;
    expect(scanJson(value, { findProtoKeys: true }).protoKeys.map((found) => found.path)).toEqual(['__proto__', 'a[0].b.__proto__']);
    expect(scanJson(value).protoKeys).toEqual([]);
  });
});

describe('assertJsonDepth', () => {
  it('throws OPR-006 naming what was too deep', () => {
    expect(() => assertJsonDepth(nested(300), "the model's answer")).toThrow(
      expect.objectContaining({ code: 'OPR-006', message: expect.stringMatching(/^the model's answer is nested deeper than 128 levels/) }),
    );
    expect(() => assertJsonDepth(nested(300), 'x')).toThrow(OperonError);
    expect(() => assertJsonDepth(nested(10), 'x')).not.toThrow();
  });
});

describe('textTooLarge', () => {
  it('names the size and the limit', () => {
    expect(textTooLarge('abcd', 'the file', 3)).toBe('the file has 4 characters: the limit is 3 (0 MiB)');
    expect(textTooLarge('abc', 'the file', 3)).toBeUndefined();
  });
});
