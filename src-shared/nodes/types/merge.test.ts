import { describe, expect, it } from 'vitest';
import { runTestNode } from '../test-context.ts';
import { merge } from './merge.ts';

describe('core.merge', () => {
  it('collects the values that arrived, in port order, in mode all', async () => {
    const { outputs } = await runTestNode(merge, {
      config: { inputs: 4 },
      inputs: { in4: 'd', in2: 'b', in1: undefined, in3: null },
    });
    expect(outputs).toEqual({ out: ['b', null, 'd'], sources: ['in2', 'in3', 'in4'] });
  });

  it('takes the first defined value in port order in mode first', async () => {
    const { outputs } = await runTestNode(merge, {
      config: { mode: 'first', inputs: 3 },
      inputs: { in1: undefined, in3: 3, in2: { two: 2 } },
    });
    expect(outputs).toEqual({ out: { two: 2 }, sources: ['in2', 'in3'] });
  });

  it('joins with "any" for all and "first" for first', () => {
    expect(merge.joinMode(merge.config.parse({ mode: 'all' }))).toBe('any');
    expect(merge.joinMode(merge.config.parse({ mode: 'first' }))).toBe('first');
  });

  it('keeps the input count within 2..16', () => {
    expect(merge.config.safeParse({ inputs: 1 }).success).toBe(false);
    expect(merge.config.safeParse({ inputs: 17 }).success).toBe(false);
    expect(Object.keys(merge.inputPorts(merge.config.parse({ inputs: 16 }))).at(-1)).toBe('in16');
  });
});
