import { describe, expect, it } from 'vitest';
import { runTestNode } from '../test-context.ts';
import { condition } from './condition.ts';
import { isTruthy } from './values.ts';

describe('core.condition', () => {
  it('emits the input on "true" when the expression holds', async () => {
    const { outputs } = await runTestNode(condition, { config: { expression: 'score >= 50' }, inputs: { in: { score: 70 } } });
    expect(outputs).toEqual({ true: { score: 70 } });
  });

  it('emits the input on "false" otherwise', async () => {
    const { outputs } = await runTestNode(condition, { config: { expression: 'score >= 50' }, inputs: { in: { score: 10 } } });
    expect(outputs).toEqual({ false: { score: 10 } });
  });

  it.each([
    ['""', false],
    ['0', false],
    ['null', false],
    ['[]', false],
    ['{}', false],
    ['nothing.here', false],
    ['[0, false]', false],
    ['"no"', true],
    ['-1', true],
    ['[0, 1]', true],
    ['{"a": null}', true],
  ])('casts %s like $boolean', async (expression, expected) => {
    const { outputs } = await runTestNode(condition, { config: { expression }, inputs: { in: 'v' } });
    expect(Object.keys(outputs)).toEqual([String(expected)]);
  });

  it('emits null for a missing input, so the branch still runs', async () => {
    const { outputs } = await runTestNode(condition, { config: { expression: 'true' } });
    expect(outputs).toEqual({ true: null });
  });

  it('agrees with JSONata on truthiness', () => {
    expect([undefined, null, false, 0, '', [], {}, [0, ''], () => 1].map(isTruthy)).toEqual(Array(9).fill(false));
    expect([true, 1, 'a', [[1]], { a: 1 }].map(isTruthy)).toEqual(Array(5).fill(true));
  });
});
