import { describe, expect, it } from 'vitest';
import { convertValue, freeKey, kindOf, moveItem, removeItem, renameKey } from './json-value.ts';

describe('json values', () => {
  it('tells kinds apart', () => {
    expect([null, undefined, [], {}, 'a', 1, true].map(kindOf)).toEqual(['null', 'null', 'array', 'object', 'string', 'number', 'boolean']);
  });

  it('converts keeping what carries over', () => {
    expect(convertValue('42', 'number')).toBe(42);
    expect(convertValue('abc', 'number')).toBe(0);
    expect(convertValue('', 'number')).toBe(0);
    expect(convertValue(7, 'string')).toBe('7');
    expect(convertValue({ a: 1 }, 'string')).toBe('{"a":1}');
    expect(convertValue({ a: 1, b: 2 }, 'array')).toEqual([1, 2]);
    expect(convertValue(['x', 'y'], 'object')).toEqual({ 0: 'x', 1: 'y' });
    expect(convertValue('x', 'array')).toEqual(['x']);
    expect(convertValue('true', 'boolean')).toBe(true);
    expect(convertValue(5, 'null')).toBeNull();
    const same = { a: 1 };
    expect(convertValue(same, 'object')).toBe(same);
  });

  it('renames keys in place and refuses a taken or empty key', () => {
    const object = { a: 1, b: 2, c: 3 };
    expect(Object.keys(renameKey(object, 'b', 'z'))).toEqual(['a', 'z', 'c']);
    expect(renameKey(object, 'b', 'c')).toBe(object);
    expect(renameKey(object, 'b', '')).toBe(object);
  });

  it('finds a free key and moves and removes items', () => {
    expect(freeKey({ field: 1, field2: 2 })).toBe('field3');
    expect(freeKey({})).toBe('field');
    expect(moveItem(['a', 'b', 'c'], 0, 1)).toEqual(['b', 'a', 'c']);
    expect(moveItem(['a', 'b', 'c'], 2, 5)).toEqual(['a', 'b', 'c']);
    expect(moveItem(['a', 'b', 'c'], 2, 0)).toEqual(['c', 'a', 'b']);
    expect(removeItem(['a', 'b', 'c'], 1)).toEqual(['a', 'c']);
  });
});
