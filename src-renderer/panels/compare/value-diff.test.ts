import { describe, expect, it } from 'vitest';
import { valueRefPath } from '../../../src-shared/run-log/value-ref.ts';
import { diffValues, differingKeys, excerpts, keyPath, preview, sameValue } from './value-diff.ts';

const ref = (digit: string, bytes = 5000) => ({ $ref: valueRefPath(digit.repeat(64)), bytes });

describe('diffValues', () => {
  it('finds nothing in equal values, however nested', () => {
    const value = { answer: { items: [{ price: 10 }, { price: null }], ok: true }, text: 'hi' };
    expect(diffValues(value, structuredClone(value))).toEqual({ entries: [], more: 0 });
    expect(diffValues(4, 4).entries).toEqual([]);
  });

  it('lists the paths of changed, added and removed values, leaving equal ones out', () => {
    const a = { answer: { items: [{ price: 1 }, { price: 5 }, { price: 10 }] }, model: 'm', gone: 1 };
    const b = { answer: { items: [{ price: 1 }, { price: 5 }, { price: 12 }] }, model: 'm', added: [1] };
    expect(diffValues(a, b).entries).toEqual([
      { kind: 'changed', path: 'answer.items[2].price', a: '10', b: '12' },
      { kind: 'removed', path: 'gone', a: '1' },
      { kind: 'added', path: 'added', b: '[1]' },
    ]);
  });

  it('compares arrays index by index and says when their lengths differ', () => {
    expect(diffValues({ list: [1, 2, 3] }, { list: [1, 9] }).entries).toEqual([
      { kind: 'length', path: 'list', a: 3, b: 2 },
      { kind: 'changed', path: 'list[1]', a: '2', b: '9' },
      { kind: 'removed', path: 'list[2]', a: '3' },
    ]);
    expect(diffValues([], ['x']).entries).toEqual([
      { kind: 'length', path: '', a: 0, b: 1 },
      { kind: 'added', path: '[0]', b: '"x"' },
    ]);
  });

  it('reports a whole value that changed type, or is on one side only, at the empty path', () => {
    expect(diffValues(4, 10).entries).toEqual([{ kind: 'changed', path: '', a: '4', b: '10' }]);
    expect(diffValues({ a: 1 }, [1]).entries).toEqual([{ kind: 'changed', path: '', a: '{"a":1}', b: '[1]' }]);
    expect(diffValues(null, {}).entries).toEqual([{ kind: 'changed', path: '', a: 'null', b: '{}' }]);
    expect(diffValues(undefined, 1).entries).toEqual([{ kind: 'added', path: '', b: '1' }]);
    expect(diffValues(1, undefined).entries).toEqual([{ kind: 'removed', path: '', a: '1' }]);
  });

  it('shows an excerpt of both strings around their first difference', () => {
    const start = 'The answer to the question you asked is ';
    const [entry] = diffValues({ text: `${start}forty-two, as always.` }, { text: `${start}42, as always.` }).entries;
    expect(entry).toEqual({
      kind: 'text',
      path: 'text',
      a: '…"estion you asked is forty-two, as always."',
      b: '…"estion you asked is 42, as always."',
    });
  });

  it('compares large values by their ref and never looks inside', () => {
    expect(diffValues({ doc: ref('a') }, { doc: ref('a') }).entries).toEqual([]);
    expect(diffValues({ doc: ref('a') }, { doc: ref('b', 6000) }).entries).toEqual([
      { kind: 'large', path: 'doc', a: 'large value (4.9 KB)', b: 'large value (5.9 KB)' },
    ]);
    expect(diffValues(ref('a'), 'short').entries).toEqual([{ kind: 'large', path: '', a: 'large value (4.9 KB)', b: '"short"' }]);
  });

  it('stops listing at the limit and counts the rest', () => {
    const a = Array.from({ length: 250 }, (_, index) => index);
    const b = a.map((n) => n + 1);
    const diff = diffValues(a, b);
    expect(diff.entries).toHaveLength(200);
    expect(diff.entries[199]).toEqual({ kind: 'changed', path: '[199]', a: '199', b: '200' });
    expect(diff.more).toBe(50);
    expect(diffValues({ x: 1, y: 1, z: 1 }, { x: 2, y: 2, z: 2 }, 1)).toMatchObject({ entries: [{ path: 'x' }], more: 2 });
  });
});

describe('differingKeys and sameValue', () => {
  it('names the top-level keys whose values differ', () => {
    const keys = differingKeys({ same: [1], changed: { deep: 1 }, gone: 1 }, { same: [1], changed: { deep: 2 }, added: 0 });
    expect([...keys].sort()).toEqual(['added', 'changed', 'gone']);
    expect(differingKeys(1, 2).size).toBe(0);
    expect(differingKeys(ref('a'), ref('b')).size).toBe(0);
  });

  it('compares deeply, value refs by their ref', () => {
    expect(sameValue({ a: [1, { b: 'x' }] }, { a: [1, { b: 'x' }] })).toBe(true);
    expect(sameValue({ a: [1, { b: 'x' }] }, { a: [1, { b: 'y' }] })).toBe(false);
    expect(sameValue(ref('a'), ref('a', 1))).toBe(true);
  });
});

describe('paths and previews', () => {
  it('writes keys that are not identifiers in brackets', () => {
    expect(keyPath('', 'answer')).toBe('answer');
    expect(keyPath('answer', 'items')).toBe('answer.items');
    expect(keyPath('answer', 'two words')).toBe('answer["two words"]');
    expect(keyPath('', '0')).toBe('["0"]');
  });

  it('sums up long values', () => {
    expect(preview({ a: 1 })).toBe('{"a":1}');
    expect(preview(Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`key${i}`, i])))).toBe('{20 keys}');
    expect(preview(Array.from({ length: 40 }, (_, i) => i))).toBe('[40 items]');
    expect(preview('x'.repeat(100))).toBe(`"${'x'.repeat(60)}…"`);
  });

  it('cuts string excerpts only where there is more', () => {
    expect(excerpts('cat', 'cot')).toEqual({ a: '"cat"', b: '"cot"' });
    expect(excerpts('abc', 'abcd')).toEqual({ a: '"abc"', b: '"abcd"' });
  });
});
