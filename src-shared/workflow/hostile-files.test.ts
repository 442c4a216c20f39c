import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_JSON_TEXT_CHARS } from '../limits/json-limits.ts';
import { createBuiltinRegistry } from '../nodes/builtin.ts';
import { parseWorkflowText } from './parse.ts';
import { validateRunInputs } from './run-inputs.ts';

// Every hostile file in fixtures/hostile is refused with exactly the problems its expected.json lists.
const HOSTILE = path.join(import.meta.dirname, 'fixtures/hostile');
const registry = createBuiltinRegistry();
const expected = JSON.parse(await readFile(path.join(HOSTILE, 'expected.json'), 'utf8')) as Record<string, object[]>;
const names = (await readdir(HOSTILE)).filter((f) => f.endsWith('.operon.json')).map((f) => f.replace('.operon.json', ''));

it('expected.json lists every hostile file, and only those', () => {
  expect(Object.keys(expected).sort()).toEqual([...names].sort());
});

describe.each(names)('%s', (name) => {
  it('is refused with the expected problems', async () => {
    const result = parseWorkflowText(await readFile(path.join(HOSTILE, `${name}.operon.json`), 'utf8'), registry);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const found = result.problems.map(({ code, path: at, nodeId, edgeId }) => ({
      code,
      path: at,
      ...(nodeId === undefined ? {} : { nodeId }),
      ...(edgeId === undefined ? {} : { edgeId }),
    }));
    expect(found).toEqual(expected[name]);
    for (const problem of result.problems) expect(problem.message.length).toBeGreaterThan(0);
  });
});

it('names the depth limit in a deep file', async () => {
  const result = parseWorkflowText(await readFile(path.join(HOSTILE, 'deep-fallback.operon.json'), 'utf8'), registry);
  expect(result.ok ? [] : result.problems.map((p) => p.message)).toEqual(['the workflow is nested deeper than 128 levels (the limit)']);
});

it('refuses workflow text past the size limit before parsing it, naming the limit', () => {
  const result = parseWorkflowText(' '.repeat(MAX_JSON_TEXT_CHARS + 1), registry);
  expect(result).toEqual({
    ok: false,
    problems: [{ code: 'OPR-006', message: expect.stringMatching(/the limit is 16,777,216 \(16 MiB\)/) }],
  });
});

describe('run inputs', () => {
  const schema = { inputs: { type: 'object' } };

  it('refuses inputs nested past the depth limit, with the path', () => {
    let value: unknown = 'leaf';
    for (let level = 0; level < 5000; level++) value = { a: value };
    const result = validateRunInputs(schema, { deep: value });
    expect(result).toEqual({
      ok: false,
      problems: [{ code: 'OPR-006', path: expect.stringMatching(/^inputs\.deep\.a\.a/), message: expect.stringContaining('128 levels') }],
    });
  });

  it('refuses an input named __proto__ or constructor, which would be lost or shadow a built-in', () => {
    const inputs = JSON.parse('{"__proto__": {"polluted": true}, "constructor": 1, "topic": "x"}') as Record<string, unknown>;
    const result = validateRunInputs(schema, inputs);
    expect(result.ok ? [] : result.problems.map((p) => [p.code, p.path])).toEqual([
      ['OPR-021', 'inputs.__proto__'],
      ['OPR-021', 'inputs.constructor'],
    ]);
  });
});
