import type { SandboxLauncher, ToWorker } from '../protocol.ts';

/**
 * A launcher around a real one whose workers' `ready` messages are held back from the pool until {@link release}: a
 * worker start as slow as a test needs, with no timer. Records what the pool sends and when workers end.
 */
export interface HeldReadyLauncher {
  launcher: SandboxLauncher;
  /** Resolves once `count` workers have said they are ready (held or passed on). */
  readied(count: number): Promise<void>;
  /** Passes the held `ready` messages on, and every later one at once. */
  release(): void;
  /** Resolves once the pool has sent `count` messages of `kind` to its workers. */
  sent(kind: ToWorker['kind'], count: number): Promise<void>;
  /** Resolves once `count` workers have ended. */
  ended(count: number): Promise<void>;
}

export function holdReady(inner: SandboxLauncher): HeldReadyLauncher {
  let holding = true;
  const held: (() => void)[] = [];
  const counts = new Map<string, number>();
  const waiters = new Set<() => void>();
  const count = (what: string): void => {
    counts.set(what, (counts.get(what) ?? 0) + 1);
    for (const wake of [...waiters]) wake();
  };
  const reached = (what: string, at: number): Promise<void> =>
    new Promise((resolve) => {
      const check = (): void => {
        if ((counts.get(what) ?? 0) < at) return;
        waiters.delete(check);
        resolve();
      };
      waiters.add(check);
      check();
    });

  const launcher: SandboxLauncher = (options) => {
    const worker = inner(options);
    return {
      ...worker,
      send(message, onError) {
        worker.send(message, onError);
        count(`sent:${message.kind}`);
      },
      onMessage(listener) {
        worker.onMessage((message) => {
          const ready = (message as { kind?: unknown } | null)?.kind === 'ready';
          if (ready && holding) held.push(() => listener(message));
          else listener(message);
          if (ready) count('ready');
        });
      },
      onExit(listener) {
        worker.onExit((end) => {
          listener(end);
          count('ended');
        });
      },
    };
  };
  return {
    launcher,
    readied: (at) => reached('ready', at),
    release() {
      holding = false;
      for (const pass of held.splice(0)) pass();
    },
    sent: (kind, at) => reached(`sent:${kind}`, at),
    ended: (at) => reached('ended', at),
  };
}
