import { describe, expect, it } from 'vitest';
import { createCallQueue } from './call-queue.ts';

/** A call that runs until the test lets it end. */
function gate(): { call: () => Promise<void>; started: boolean; end: () => void } {
  let end = (): void => undefined;
  const handle = {
    started: false,
    end: () => end(),
    call: () => {
      handle.started = true;
      return new Promise<void>((resolve) => (end = resolve));
    },
  };
  return handle;
}

/** Resolves after the queue's next turn (it starts waiting calls on `setImmediate`). */
const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('createCallQueue', () => {
  it('runs at most the limit at once, pauses reading while calls wait, and resumes once every waiting call started', async () => {
    const flow: string[] = [];
    const queue = createCallQueue(2, { pause: () => flow.push('pause'), resume: () => flow.push('resume') });
    const calls = [gate(), gate(), gate(), gate()];
    for (const each of calls) queue.add(each.call);
    expect(calls.map((each) => each.started)).toEqual([true, true, false, false]);
    expect([queue.running, queue.waiting]).toEqual([2, 2]);
    expect(flow).toEqual(['pause']);

    calls[0]!.end();
    await nextTurn();
    await nextTurn();
    expect(calls.map((each) => each.started)).toEqual([true, true, true, false]);
    expect(flow).toEqual(['pause']);

    calls[1]!.end();
    await nextTurn();
    await nextTurn();
    expect(calls.map((each) => each.started)).toEqual([true, true, true, true]);
    expect([queue.running, queue.waiting]).toEqual([2, 0]);
    expect(flow).toEqual(['pause', 'resume']);
  });

  it('starts waiting calls in the order they came', async () => {
    const order: number[] = [];
    const queue = createCallQueue(1, { pause: () => undefined, resume: () => undefined });
    const first = gate();
    queue.add(first.call);
    for (const n of [1, 2, 3])
      queue.add(async () => {
        order.push(n);
        await Promise.resolve();
      });
    first.end();
    while (queue.running + queue.waiting > 0) await nextTurn();
    expect(order).toEqual([1, 2, 3]);
  });

  it('once closed, drops the waiting calls and starts nothing more; running calls finish', async () => {
    const queue = createCallQueue(1, { pause: () => undefined, resume: () => undefined });
    const running = gate();
    const waiting = gate();
    queue.add(running.call);
    queue.add(waiting.call);
    queue.close();
    queue.add(gate().call);
    expect(queue.waiting).toBe(0);
    running.end();
    await nextTurn();
    await nextTurn();
    expect(waiting.started).toBe(false);
    expect(queue.running).toBe(0);
  });
});
