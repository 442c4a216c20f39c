import type { Clock } from '../../services/clock.ts';

/**
 * A clock for tests where time jumps instead of passing: whenever the code under test is idle (no
 * microtask left), the earliest pending timer or sleep fires and virtual time moves to its due time.
 * Parallel branches share one timeline, so retries, backoff and timeouts are exact and instant.
 * For code with no real I/O in flight: a pending socket does not hold virtual time back.
 */
export interface VirtualClock extends Clock {
  /** Every sleep requested, in order (retry delays, Delay nodes). */
  readonly sleeps: number[];
}

interface Timer {
  id: number;
  due: number;
  fire: () => void;
}

export function createVirtualClock(start = Date.UTC(2026, 0, 1)): VirtualClock {
  let now = start;
  let nextId = 0;
  let ticking = false;
  const timers = new Map<number, Timer>();
  const sleeps: number[] = [];

  const tick = (): void => {
    ticking = false;
    let first: Timer | undefined;
    for (const timer of timers.values())
      if (first === undefined || timer.due < first.due || (timer.due === first.due && timer.id < first.id)) first = timer;
    if (first === undefined) return;
    timers.delete(first.id);
    now = Math.max(now, first.due);
    first.fire();
    schedule();
  };
  const schedule = (): void => {
    if (ticking || timers.size === 0) return;
    ticking = true;
    setTimeout(tick, 0);
  };
  const add = (ms: number, fire: () => void): number => {
    const id = nextId++;
    timers.set(id, { id, due: now + ms, fire });
    schedule();
    return id;
  };

  return {
    sleeps,
    now: () => now,
    setTimer(ms, callback) {
      const id = add(ms, callback);
      return () => timers.delete(id);
    },
    sleep(ms, signal) {
      sleeps.push(ms);
      return new Promise<void>((resolve, reject) => {
        if (signal?.aborted === true) return reject(signal.reason as Error);
        const onAbort = (): void => {
          timers.delete(id);
          reject(signal?.reason as Error);
        };
        const id = add(ms, () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        });
        signal?.addEventListener('abort', onAbort, { once: true });
      });
    },
  };
}
