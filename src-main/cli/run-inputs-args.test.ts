import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readRunInputs } from './run-inputs-args.ts';

const schema = {
  type: 'object',
  properties: { n: { type: 'integer' }, ok: { type: 'boolean' }, tags: { type: 'array' }, name: { type: 'string' } },
};

describe('readRunInputs', () => {
  it('coerces --input values by the declared type and lets them win over the file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'operon-inputs-'));
    const file = join(dir, 'in.json');
    await writeFile(file, '{"n": 1, "extra": {"a": 1}}');
    expect(await readRunInputs(['n=42', 'ok=true', 'tags=["a"]', 'name=007'], file, schema)).toEqual({
      n: 42,
      ok: true,
      tags: ['a'],
      name: '007',
      extra: { a: 1 },
    });
  });

  it('names the flag and key when a value does not fit', async () => {
    await expect(readRunInputs(['n=4.5'], undefined, schema)).rejects.toThrow('--input n=4.5: expected an integer');
    await expect(readRunInputs(['ok=yes'], undefined, schema)).rejects.toThrow('expected true or false');
    await expect(readRunInputs(['novalue'], undefined, schema)).rejects.toThrow('expected key=value');
  });

  it('names the line of a bad input file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'operon-inputs-'));
    const file = join(dir, 'bad.json');
    await writeFile(file, '{\n "a": ,\n}');
    await expect(readRunInputs([], file, schema)).rejects.toThrow(/bad.json: invalid JSON at line 2/);
  });

  it('refuses a reserved input name, which would be lost, with OPR-021', async () => {
    await expect(readRunInputs(['__proto__={"polluted":true}'], undefined, schema)).rejects.toMatchObject({
      code: 'OPR-021',
      message: expect.stringContaining(
        '--input __proto__={"polluted":true}: the input "__proto__" is a name JavaScript gives a meaning to',
      ),
    });
    await expect(readRunInputs(['constructor=1'], undefined, schema)).rejects.toMatchObject({ code: 'OPR-021' });
  });
});
