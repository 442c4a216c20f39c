import { describe, expect, it } from 'vitest';
import { OperonError } from '../../errors/operon-error.ts';
import { createMemoryFiles, runTestNode } from '../test-context.ts';
import { readFile } from './read-file.ts';
import { writeFile } from './write-file.ts';

const rows = [
  { id: '1', name: 'Ada' },
  { id: '2', name: 'Grace, "Amazing"' },
];

describe('core.write-file and core.read-file', () => {
  it.each([
    ['notes.txt', 'auto', 'hello\nworld', 'hello\nworld'],
    ['data.json', 'auto', { a: [1, 2], b: null }, '{\n  "a": [\n    1,\n    2\n  ],\n  "b": null\n}\n'],
    ['events.jsonl', 'auto', [{ e: 1 }, { e: 2 }], '{"e":1}\n{"e":2}\n'],
    ['people.csv', 'auto', rows, 'id,name\n1,Ada\n2,"Grace, ""Amazing"""\n'],
    ['people.data', 'csv', rows, 'id,name\n1,Ada\n2,"Grace, ""Amazing"""\n'],
  ])('round-trips %s (%s)', async (path, format, value, text) => {
    const files = createMemoryFiles();
    const written = await runTestNode(writeFile, { files, config: { path, format }, inputs: { in: value } });
    expect(files.files.get(path)).toBe(text);
    expect(written.outputs).toEqual({ out: { path, bytes: new TextEncoder().encode(text).length } });
    const read = await runTestNode(readFile, { files, config: { path, format } });
    expect(read.outputs).toEqual({ out: value });
  });

  it('fills the path template from the input', async () => {
    const files = createMemoryFiles({ 'reports/2024-05.json': '{"ok":true}' });
    const { outputs } = await runTestNode(readFile, {
      files,
      config: { path: 'reports/{{ month }}.json' },
      inputs: { in: { month: '2024-05' } },
    });
    expect(outputs).toEqual({ out: { ok: true } });
  });

  it('appends JSON Lines and CSV rows without a second header', async () => {
    const files = createMemoryFiles();
    const append = (path: string, value: unknown): Promise<unknown> =>
      runTestNode(writeFile, { files, config: { path, mode: 'append' }, inputs: { in: value } });
    await append('log.jsonl', [{ n: 1 }]);
    await append('log.jsonl', [{ n: 2 }]);
    expect(files.files.get('log.jsonl')).toBe('{"n":1}\n{"n":2}\n');
    await append('rows.csv', [rows[0]]);
    await append('rows.csv', [rows[1]]);
    const read = await runTestNode(readFile, { files, config: { path: 'rows.csv' } });
    expect(read.outputs.out).toEqual(rows);
  });

  it('refuses to overwrite in mode create', async () => {
    const files = createMemoryFiles({ 'a.txt': 'old' });
    await expect(runTestNode(writeFile, { files, config: { path: 'a.txt', mode: 'create' }, inputs: { in: 'new' } })).rejects.toMatchObject(
      {
        code: 'OPR-110',
      },
    );
    expect(files.files.get('a.txt')).toBe('old');
  });

  it('reports a bad file with its path and line', async () => {
    const files = createMemoryFiles({ 'in/bad.jsonl': '{"ok":1}\n{"ok":\n' });
    const error: unknown = await runTestNode(readFile, { files, config: { path: 'in/bad.jsonl' } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OperonError);
    expect((error as OperonError).message).toContain('in/bad.jsonl line 2');
  });

  it('refuses an empty path, and CSV that is not rows', async () => {
    await expect(runTestNode(readFile, { config: { path: '{{ missing }}' } })).rejects.toThrow('the file path is empty');
    await expect(runTestNode(writeFile, { config: { path: 'x.csv' }, inputs: { in: 'text' } })).rejects.toThrow(
      /CSV needs an array of objects/,
    );
  });
});
