import { EventEmitter, once } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { API_PATH, API_SUBPROTOCOL } from '../../src-shared/api/protocol.ts';
import { createApiHandlers, type ApiHandlers } from '../host/api/api-handlers.ts';
import { tempDir } from '../services/test-support.ts';
import { rawCall } from './testing/connect.ts';
import { startServer, type RunningServer } from './server.ts';

let server: RunningServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/**
 * The real API, except that `runs.events` calls are held until `release()`: a heavy call that takes as long as the
 * test wants. `started` tells each time one begins; `running` and `mostAtOnce` count them.
 */
function heldHandlers(dataDir: string) {
  const real = createApiHandlers({ dataDir, env: {} });
  const started = new EventEmitter();
  let release: () => void = () => undefined;
  const released = new Promise<void>((resolve) => (release = resolve));
  const counts = { running: 0, mostAtOnce: 0, started: 0 };
  const handlers: ApiHandlers = {
    connect(sink) {
      const connection = real.connect(sink);
      return {
        ...connection,
        async handle(call, input) {
          if (call !== 'runs.events') return connection.handle(call, input);
          counts.running++;
          counts.started++;
          counts.mostAtOnce = Math.max(counts.mostAtOnce, counts.running);
          started.emit('started');
          await released;
          counts.running--;
          return connection.handle(call, input);
        },
      };
    },
    close: () => real.close(),
  };
  return { handlers, started, counts, release: () => release() };
}

function open(running: RunningServer): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`ws://127.0.0.1:${running.port}${API_PATH}`, [API_SUBPROTOCOL, `${API_SUBPROTOCOL}.${running.token}`]);
    socket.once('open', () => resolve(socket));
    socket.once('error', reject);
  });
}

describe('operon serve: calls in flight per connection', () => {
  it('runs at most maxCallsInFlight of a connection at once, and another connection is answered while they hold', async () => {
    const dataDir = await tempDir();
    const held = heldHandlers(dataDir);
    server = await startServer({ dataDir, staticDir: dataDir, env: {}, handlers: held.handlers, limits: { maxCallsInFlight: 16 } });
    const heavy = await open(server);
    const other = await open(server);
    const answers: unknown[] = [];
    heavy.on('message', (data: Buffer) => answers.push(JSON.parse(data.toString('utf8'))));

    const sixteenStarted = new Promise<void>((resolve) => {
      const check = (): void => {
        if (held.counts.started < 16) return;
        held.started.off('started', check);
        resolve();
      };
      held.started.on('started', check);
    });
    for (let id = 1; id <= 100; id++) heavy.send(JSON.stringify({ id, call: 'runs.events', input: { runId: 'r-none' } }));
    await sixteenStarted;

    // The heavy connection's 84 other calls wait; the other connection is answered meanwhile.
    expect(await rawCall(other, JSON.stringify({ id: 'b', call: 'workspaces.list' }))).toEqual({
      id: 'b',
      ok: true,
      output: { workspaces: [{ id: 'default' }] },
    });
    expect(held.counts).toMatchObject({ running: 16, started: 16 });

    held.release();
    while (answers.length < 100) await once(heavy, 'message');
    expect(held.counts).toMatchObject({ running: 0, started: 100, mostAtOnce: 16 });
    expect(new Set(answers.map((answer) => (answer as { id: number }).id)).size).toBe(100);
    heavy.close();
    other.close();
  });
});
