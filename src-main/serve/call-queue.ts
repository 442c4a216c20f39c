/** Stops and starts reading a connection: the queue's only lever on a client that sends faster than it is served. */
export interface ReadFlow {
  pause(): void;
  resume(): void;
}

/** One connection's calls: at most a limit running at once, the rest waiting in order. */
export interface CallQueue {
  /** Starts `call` now if fewer than the limit are running, else after the calls before it. `call` must not reject. */
  add(call: () => Promise<void>): void;
  /** Drops the calls waiting; those running finish, and nothing starts after them. Idempotent. */
  close(): void;
  readonly running: number;
  readonly waiting: number;
}

/**
 * A per-connection limit of calls in flight, for fairness between connections: a call past the limit waits, and the
 * connection is paused (the server reads no more of it) until every waiting call has started. A waiting call starts
 * on a later turn of the event loop (`setImmediate`), after the I/O of other connections, so one client's flood of
 * heavy calls is served in turns with everyone else's rather than ahead of them. Waiting calls are few: ws stops
 * reading once paused, so only messages it had already read can still arrive.
 */
export function createCallQueue(maxRunning: number, flow: ReadFlow): CallQueue {
  const waiting: (() => Promise<void>)[] = [];
  let running = 0;
  let paused = false;
  let scheduled = false;
  let closed = false;

  const start = (call: () => Promise<void>): void => {
    running++;
    void call().finally(() => {
      running--;
      schedule();
    });
  };
  const startWaiting = (): void => {
    scheduled = false;
    while (!closed && running < maxRunning && waiting.length > 0) start(waiting.shift()!);
    if (!closed && waiting.length === 0 && paused) {
      paused = false;
      flow.resume();
    }
  };
  const schedule = (): void => {
    if (closed || scheduled || waiting.length === 0) return;
    scheduled = true;
    setImmediate(startWaiting);
  };

  return {
    add(call) {
      if (closed) return;
      if (running < maxRunning && waiting.length === 0) return start(call);
      waiting.push(call);
      if (!paused) {
        paused = true;
        flow.pause();
      }
    },
    close() {
      closed = true;
      waiting.length = 0;
    },
    get running() {
      return running;
    },
    get waiting() {
      return waiting.length;
    },
  };
}
