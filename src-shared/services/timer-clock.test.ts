import { describe, expect, it } from 'vitest';
import { createTimerClock } from './timer-clock.ts';

describe('createTimerClock', () => {
  it('sleeps, and rejects with the abort reason when aborted first', async () => {
    const clock = createTimerClock();
    const start = clock.now();
    await clock.sleep(20);
    expect(clock.now() - start).toBeGreaterThanOrEqual(15);
    const controller = new AbortController();
    const reason = new Error('stop');
    const sleeping = clock.sleep(10_000, controller.signal);
    controller.abort(reason);
    await expect(sleeping).rejects.toBe(reason);
    await expect(clock.sleep(10, AbortSignal.abort(reason))).rejects.toBe(reason);
  });

  it('cancels a timer', async () => {
    const clock = createTimerClock();
    let fired = 0;
    const cancel = clock.setTimer(10, () => fired++);
    clock.setTimer(10, () => fired++);
    cancel();
    await clock.sleep(40);
    expect(fired).toBe(1);
  });
});
