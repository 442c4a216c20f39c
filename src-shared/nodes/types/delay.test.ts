import { describe, expect, it } from 'vitest';
import { runTestNode } from '../test-context.ts';
import { delay } from './delay.ts';

describe('core.delay', () => {
  it('waits, then passes the input on', async () => {
    const started = Date.now();
    const { outputs } = await runTestNode(delay, { config: { ms: 60 }, inputs: { in: { a: 1 } } });
    expect(Date.now() - started).toBeGreaterThanOrEqual(55);
    expect(outputs).toEqual({ out: { a: 1 } });
  });

  it('rejects with the signal reason when aborted', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('cancelled by test')), 20);
    // A day's wait (the most it allows): rejecting at all proves the abort ended it, however slow the machine.
    const day = 24 * 60 * 60 * 1000;
    await expect(runTestNode(delay, { config: { ms: day }, signal: controller.signal })).rejects.toThrow('cancelled by test');
  });

  it('limits the wait to a day', () => {
    expect(delay.config.safeParse({ ms: 24 * 60 * 60 * 1000 + 1 }).success).toBe(false);
    expect(delay.config.safeParse({ ms: -1 }).success).toBe(false);
  });
});
