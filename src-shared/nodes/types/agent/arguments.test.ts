import { describe, expect, it } from 'vitest';
import { checkArguments, readArguments } from './arguments.ts';

const SCHEMA = { type: 'object', properties: { query: {} } };

describe('tool-call arguments past the depth limit', () => {
  it('are refused with a reason naming the limit, for the model to read', () => {
    const checked = readArguments(`{"query":${'['.repeat(5000)}${']'.repeat(5000)}}`, SCHEMA);
    expect(checked).toEqual({
      ok: false,
      value: '(not shown)',
      reason: expect.stringMatching(/^the arguments are nested deeper than 128 levels \(the limit\) at query\[0\]/),
    });
  });

  it("are refused in a person's edit too", () => {
    let value: unknown = 1;
    for (let level = 0; level < 300; level++) value = [value];
    expect(checkArguments({ query: value }, SCHEMA)).toMatchObject({ ok: false, reason: expect.stringContaining('128 levels') });
    expect(checkArguments({ query: [[1]] }, SCHEMA)).toEqual({ ok: true, args: { query: [[1]] } });
  });
});
