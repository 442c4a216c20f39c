import { describe, expect, it } from 'vitest';
import { schemaErrors } from '../../../services/schema-check.ts';
import { checkArguments, readArguments, type SchemaCheck } from './arguments.ts';

const SCHEMA = { type: 'object', properties: { query: {} } };
const check: SchemaCheck = (schema, value) => Promise.resolve(schemaErrors(schema, value));

describe('tool-call arguments past the depth limit', () => {
  it('are refused with a reason naming the limit, for the model to read', async () => {
    const checked = await readArguments(`{"query":${'['.repeat(5000)}${']'.repeat(5000)}}`, SCHEMA, check);
    expect(checked).toEqual({
      ok: false,
      value: '(not shown)',
      reason: expect.stringMatching(/^the arguments are nested deeper than 128 levels \(the limit\) at query\[0\]/),
    });
  });

  it("are refused in a person's edit too", async () => {
    let value: unknown = 1;
    for (let level = 0; level < 300; level++) value = [value];
    expect(await checkArguments({ query: value }, SCHEMA, check)).toMatchObject({
      ok: false,
      reason: expect.stringContaining('128 levels'),
    });
    expect(await checkArguments({ query: [[1]] }, SCHEMA, check)).toEqual({ ok: true, args: { query: [[1]] } });
  });
});
