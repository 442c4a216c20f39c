/** A call coalescer: however often `schedule` is called, `fn` runs at most once per `ms`, after the first call. */
export interface Coalescer {
  schedule: () => void;
  /** Drops a scheduled call (on unmount). */
  cancel: () => void;
}

/**
 * Coalesces bursts (pushed run events) into one call `ms` after the first of them; calls during that wait are
 * covered by it, and a call after it schedules the next. Nothing is lost: the last burst is always followed by a call.
 */
export function coalesce(fn: () => void, ms: number): Coalescer {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return {
    schedule() {
      if (timer !== undefined) return;
      timer = setTimeout(() => {
        timer = undefined;
        fn();
      }, ms);
    },
    cancel() {
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
    },
  };
}
