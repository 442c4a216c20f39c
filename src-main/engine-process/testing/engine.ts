import { onTestFinished } from 'vitest';
import { fromNodePort, type ApiPort } from '../../../src-shared/api/message-port.ts';
import { createApiHandlers, type ApiHandlers } from '../../host/api/api-handlers.ts';
import { tempDir } from '../../services/test-support.ts';
import { serveApiPort } from '../port-api.ts';
import { nodeChannel } from './ports.ts';

/** The real API on a fresh data folder, instrumented: which calls reached it, and which connections closed. */
export interface TestEngine {
  handlers: ApiHandlers;
  dataDir: string;
  /** The environment the API reads (a test's own object, which it may change). */
  env: NodeJS.ProcessEnv;
  /** The name of every call a connection handled, in order. */
  handled: string[];
  /** Resolves once `count` connections have closed. */
  closed: (count: number) => Promise<void>;
  /** Serves the API on one end of a new `worker_threads` channel and returns the other end. */
  connect(): ApiPort;
  /** Errors the served ports reported as unexpected. */
  unexpected: unknown[];
}

/** A {@link TestEngine} on `env` (default: empty), closed when the test finishes. */
export async function testEngine(env: NodeJS.ProcessEnv = {}): Promise<TestEngine> {
  const dataDir = await tempDir();
  const api = createApiHandlers({ dataDir, env });
  onTestFinished(() => api.close());
  const handled: string[] = [];
  const unexpected: unknown[] = [];
  let closedCount = 0;
  const waiters = new Set<() => void>();
  const handlers: ApiHandlers = {
    connect(sink) {
      const connection = api.connect(sink);
      let closed = false;
      return {
        handle(call, input) {
          handled.push(call);
          return connection.handle(call, input);
        },
        written: () => connection.written(),
        close() {
          connection.close();
          if (closed) return;
          closed = true;
          closedCount += 1;
          for (const wake of [...waiters]) wake();
        },
      };
    },
    close: () => api.close(),
  };
  return {
    handlers,
    dataDir,
    env,
    handled,
    unexpected,
    closed: (count) =>
      new Promise((resolve) => {
        const check = (): void => {
          if (closedCount < count) return;
          waiters.delete(check);
          resolve();
        };
        waiters.add(check);
        check();
      }),
    connect() {
      const channel = nodeChannel();
      serveApiPort(fromNodePort(channel.port1), handlers, (error) => unexpected.push(error));
      return fromNodePort(channel.port2);
    },
  };
}
