/** Time as the engine and its nodes see it: wall time and timers, so tests can pass a virtual clock. */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Resolves after `ms`; rejects with the signal's reason when it aborts first. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  /** Calls `callback` after `ms` unless cancelled; returns the cancel function. */
  setTimer(ms: number, callback: () => void): () => void;
}
