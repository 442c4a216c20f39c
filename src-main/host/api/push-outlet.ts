import type { ApiSink, PushedEvent } from './api-sink.ts';

/**
 * A connection's side of pushing, shared by its watches: sends through the transport's sink, tells whether the
 * transport has room (its backlog at or under the high-water mark), wakes whoever waits for room when a write makes
 * some, and keeps the byte budget the watches' queues share.
 */
export interface PushOutlet {
  push(message: PushedEvent): void;
  hasRoom(): boolean;
  /** Calls `wake` once, when the transport has room again (or the outlet closes). Returns the function that cancels it. */
  whenRoom(wake: () => void): () => void;
  /** The transport wrote something out: wake the waiters if there is room now. */
  written(): void;
  /** Takes `bytes` from the connection's queue budget; false (nothing taken) when they do not fit. */
  reserve(bytes: number): boolean;
  /** Gives back bytes taken with {@link reserve}. */
  release(bytes: number): void;
  /** Stops pushing and wakes every waiter (their watches have ended). */
  close(): void;
}

export function createPushOutlet(sink: ApiSink, limits: { highWaterBytes: number; maxQueuedBytes: number }): PushOutlet {
  const waiters = new Set<() => void>();
  let queuedBytes = 0;
  let closed = false;
  const hasRoom = (): boolean => sink.backlog() <= limits.highWaterBytes;
  const wakeAll = (): void => {
    const woken = [...waiters];
    waiters.clear();
    for (const wake of woken) wake();
  };
  return {
    push(message) {
      if (!closed) sink.push(message);
    },
    hasRoom,
    whenRoom(wake) {
      let pending = true;
      const once = (): void => {
        if (!pending) return;
        pending = false;
        wake();
      };
      if (closed || hasRoom()) queueMicrotask(once);
      else waiters.add(once);
      return () => {
        pending = false;
        waiters.delete(once);
      };
    },
    written() {
      if (waiters.size > 0 && hasRoom()) wakeAll();
    },
    reserve(bytes) {
      if (queuedBytes + bytes > limits.maxQueuedBytes) return false;
      queuedBytes += bytes;
      return true;
    },
    release(bytes) {
      queuedBytes -= bytes;
    },
    close() {
      closed = true;
      wakeAll();
    },
  };
}
