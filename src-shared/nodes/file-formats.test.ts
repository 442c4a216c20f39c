import { describe, expect, it } from 'vitest';
import { OperonError } from '../errors/operon-error.ts';
import { parseFile, resolveFormat, serialiseFile } from './file-formats.ts';

function parseError(text: string, format: 'json' | 'jsonl' | 'csv', path: string): OperonError {
  try {
    parseFile(text, format, path);
  } catch (error) {
    if (error instanceof OperonError) return error;
    throw error;
  }
  throw new Error('expected a parse error');
}

describe('file formats', () => {
  it('picks a format by extension for auto', () => {
    expect(resolveFormat('auto', 'a/b.JSON')).toBe('json');
    expect(resolveFormat('auto', 'x.ndjson')).toBe('jsonl');
    expect(resolveFormat('auto', 'x.jsonl')).toBe('jsonl');
    expect(resolveFormat('auto', 'x.csv')).toBe('csv');
    expect(resolveFormat('auto', 'notes.md')).toBe('text');
    expect(resolveFormat('auto', 'README')).toBe('text');
    expect(resolveFormat('json', 'x.csv')).toBe('json');
  });

  it('round-trips CSV with quotes, commas and new lines', () => {
    const rows = [
      { name: 'Ada, Countess', note: 'said "hi"\nand left' },
      { name: 'Bob', note: '' },
    ];
    const text = serialiseFile(rows, 'auto', 'people.csv');
    expect(text.split('\n')[0]).toBe('name,note');
    expect(parseFile(text, 'auto', 'people.csv')).toEqual(rows);
  });

  it('writes CSV columns as the union of keys, JSON-encoding nested values', () => {
    const text = serialiseFile([{ a: 1 }, { b: { c: true } }], 'csv', 'x.csv');
    expect(parseFile(text, 'csv', 'x.csv')).toEqual([
      { a: '1', b: '' },
      { a: '', b: '{"c":true}' },
    ]);
    expect(serialiseFile([{ a: 1 }], 'csv', 'x.csv', { header: false })).toBe('1\n');
  });

  it('refuses CSV that is not an array of objects', () => {
    expect(() => serialiseFile({ a: 1 }, 'csv', 'x.csv')).toThrow(/array of objects/);
    expect(() => serialiseFile([{ a: 1 }, 2], 'csv', 'x.csv')).toThrow(/item 1 is not an object/);
  });

  it('reads JSON Lines, skipping blank lines, and names the bad line', () => {
    expect(parseFile('{"a":1}\n\n[2]\n', 'jsonl', 'x.jsonl')).toEqual([{ a: 1 }, [2]]);
    const error = parseError('{"a":1}\n{"b":2}\n\n{"c":\n', 'jsonl', 'data/x.jsonl');
    expect(error.code).toBe('OPR-110');
    expect(error.message).toContain('data/x.jsonl line 4');
    expect(error.details).toEqual({ path: 'data/x.jsonl', line: 4 });
  });

  it('writes JSON Lines one value a line', () => {
    const text = serialiseFile([{ a: 1 }, 'two'], 'jsonl', 'x.jsonl');
    expect(text).toBe('{"a":1}\n"two"\n');
    expect(parseFile(text, 'jsonl', 'x.jsonl')).toEqual([{ a: 1 }, 'two']);
  });

  it('names the line of a JSON syntax error', () => {
    const error = parseError('{\n  "a": 1,\n  oops\n}', 'json', 'conf.json');
    expect(error.code).toBe('OPR-110');
    expect(error.message).toMatch(/^conf\.json line 3: not valid JSON/);
  });

  it('names the file and line of a CSV error', () => {
    const error = parseError('a,b\n1,2\n3,4,5\n', 'csv', 'rows.csv');
    expect(error.code).toBe('OPR-110');
    expect(error.message).toMatch(/^rows\.csv line 3: not valid CSV/);
  });

  it('keeps text as it is and writes other values as JSON', () => {
    expect(parseFile('  hi\n', 'text', 'x.txt')).toBe('  hi\n');
    expect(serialiseFile('hi', 'text', 'x.txt')).toBe('hi');
    expect(serialiseFile({ a: 1 }, 'json', 'x.json')).toBe('{\n  "a": 1\n}\n');
    expect(parseFile(serialiseFile({ a: [1, null] }, 'auto', 'x.json'), 'auto', 'x.json')).toEqual({ a: [1, null] });
  });
});
