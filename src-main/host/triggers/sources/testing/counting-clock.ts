import type { Clock } from '../../../../../src-shared/services/clock.ts';

/** A clock that counts the timers armed on the clock it wraps, and records each one's wait (ms). */
export interface CountingClock extends Clock {
  /** Timers armed and neither fired nor cancelled. */
  pending(): number;
  readonly waits: number[];
}

export function countingClock(inner: Clock): CountingClock {
  let pending = 0;
  const waits: number[] = [];
  return {
    waits,
    pending: () => pending,
    now: () => inner.now(),
    sleep: (ms, signal) => inner.sleep(ms, signal),
    setTimer(ms, callback) {
      waits.push(ms);
      pending++;
      let live = true;
      const settle = (): boolean => {
        if (!live) return false;
        live = false;
        pending--;
        return true;
      };
      const cancel = inner.setTimer(ms, () => {
        if (settle()) callback();
      });
      return () => {
        if (settle()) cancel();
      };
    },
  };
}
