import { describe, expect, it } from 'vitest';
import type { EngineEvent } from '../../../src-shared/engine/events.ts';
import { createPushOutlet } from './push-outlet.ts';
import { createWatchQueue } from './watch-queue.ts';

const log = (seq: number, message = 'm'): EngineEvent => ({
  type: 'node.log',
  nodeId: 'a',
  level: 'info',
  message,
  seq,
  ts: 0,
  runId: 'r',
});
const size = (event: EngineEvent): number => JSON.stringify(event).length;
const outlet = (maxQueuedBytes: number) =>
  createPushOutlet({ push: () => undefined, backlog: () => 0 }, { highWaterBytes: 0, maxQueuedBytes });

describe('createWatchQueue', () => {
  it('keeps events in order up to its event bound', () => {
    const queue = createWatchQueue(3, outlet(1_000_000));
    expect([0, 1, 2, 3].map((seq) => queue.add(log(seq)))).toEqual([true, true, true, false]);
    expect(queue.shift()?.seq).toBe(0);
    expect(queue.add(log(4))).toBe(true);
    expect([queue.shift(), queue.shift(), queue.shift(), queue.shift()].map((event) => event?.seq)).toEqual([1, 2, 4, undefined]);
    expect(queue.length).toBe(0);
  });

  it('shares one byte budget between the queues of a connection, and gives bytes back as events leave', () => {
    const budget = outlet(size(log(0)) * 3);
    const a = createWatchQueue(100, budget);
    const b = createWatchQueue(100, budget);
    expect(a.add(log(0))).toBe(true);
    expect(a.add(log(1))).toBe(true);
    expect(b.add(log(0))).toBe(true);
    expect(b.add(log(1))).toBe(false); // the connection's budget is spent
    a.shift();
    expect(b.add(log(1))).toBe(true);
    a.clear();
    expect(b.add(log(2))).toBe(true);
    expect(b.add(log(3, 'a longer message than the room left'))).toBe(false);
  });

  it('stays in order across many adds and shifts (its storage is compacted)', () => {
    const queue = createWatchQueue(10_000, outlet(10_000_000));
    const out: number[] = [];
    for (let seq = 0; seq < 20_000; seq++) {
      expect(queue.add(log(seq))).toBe(true);
      if (seq % 3 !== 0) out.push(queue.shift()?.seq ?? -1);
    }
    while (queue.length > 0) out.push(queue.shift()?.seq ?? -1);
    expect(out).toEqual(Array.from({ length: 20_000 }, (_, i) => i));
  });
});

describe('createPushOutlet', () => {
  it('wakes those waiting for room when a write finds the backlog under the mark, and every waiter when it closes', async () => {
    let backlog = 10;
    const out = createPushOutlet({ push: () => undefined, backlog: () => backlog }, { highWaterBytes: 5, maxQueuedBytes: 1 });
    const woken: string[] = [];
    out.whenRoom(() => woken.push('a'));
    const cancel = out.whenRoom(() => woken.push('cancelled'));
    cancel();
    out.written();
    expect(woken).toEqual([]);
    backlog = 5;
    out.written();
    expect(woken).toEqual(['a']);
    backlog = 10;
    out.whenRoom(() => woken.push('b'));
    out.close();
    expect(woken).toEqual(['a', 'b']);
    out.whenRoom(() => woken.push('after close'));
    await Promise.resolve();
    expect(woken).toEqual(['a', 'b', 'after close']);
  });
});
