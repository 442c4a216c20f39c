import { once } from 'node:events';
import { EventEmitter } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import type { WebSocket } from 'ws';
import { createApiHandlers, type ApiHandlers } from '../host/api/api-handlers.ts';
import { tempDir } from '../services/test-support.ts';
import { rawCall, upgradeStatus } from './testing/connect.ts';
import { ServeConfigError, startServer, type RunningServer } from './server.ts';

let server: RunningServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** The real API, telling `closed` each time a connection ends (after the server stopped counting it). */
function observedHandlers(dataDir: string): { handlers: ApiHandlers; closed: EventEmitter } {
  const real = createApiHandlers({ dataDir, env: {} });
  const closed = new EventEmitter();
  return {
    closed,
    handlers: {
      connect(sink) {
        const connection = real.connect(sink);
        return {
          ...connection,
          close() {
            connection.close();
            closed.emit('closed');
          },
        };
      },
      close: () => real.close(),
    },
  };
}

describe('operon serve: the connection cap', () => {
  it('refuses the connection past the cap with 503 and says why; a closed connection frees its place', async () => {
    const dataDir = await tempDir();
    const { handlers, closed } = observedHandlers(dataDir);
    const lines: string[] = [];
    server = await startServer({
      dataDir,
      staticDir: dataDir,
      env: {},
      handlers,
      limits: { maxConnections: 3 },
      log: (line) => lines.push(line),
    });
    const api = `ws://127.0.0.1:${server.port}/api?token=${server.token}`;
    const open: WebSocket[] = [];
    for (let n = 0; n < 3; n++) {
      const { status, socket } = await upgradeStatus(api);
      expect(status).toBe(101);
      open.push(socket!);
    }
    const refused = await upgradeStatus(api);
    expect(refused).toMatchObject({ status: 503, body: expect.stringMatching(/^too many connections: this server takes 3 at once/) });
    expect(lines).toEqual([expect.stringMatching(/^refused a connection from 127\.0\.0\.1: 3 are open, the most allowed$/)]);
    // The ones in serve on.
    expect(await rawCall(open[2]!, JSON.stringify({ id: 1, call: 'workspaces.list' }))).toMatchObject({ id: 1, ok: true });

    const freed = once(closed, 'closed');
    open.shift()!.close();
    await freed;
    const next = await upgradeStatus(api);
    expect(next.status).toBe(101);
    expect(await rawCall(next.socket!, JSON.stringify({ id: 2, call: 'workspaces.list' }))).toMatchObject({ id: 2, ok: true });
    for (const socket of [...open, next.socket!]) socket.close();
  });

  it('checks the token before the cap: a client without one learns nothing of the load', async () => {
    const dataDir = await tempDir();
    server = await startServer({ dataDir, staticDir: dataDir, env: {}, limits: { maxConnections: 1 }, log: () => undefined });
    const first = await upgradeStatus(`ws://127.0.0.1:${server.port}/api?token=${server.token}`);
    expect(first.status).toBe(101);
    expect((await upgradeStatus(`ws://127.0.0.1:${server.port}/api`)).status).toBe(401);
    expect((await upgradeStatus(`ws://127.0.0.1:${server.port}/api?token=${server.token}`)).status).toBe(503);
    first.socket?.close();
  });
});

describe('operon serve: the limits as options', () => {
  it('refuses a send cap at or under the watches’ high-water mark, and a limit that is not a positive integer', async () => {
    const dataDir = await tempDir();
    const options = { dataDir, staticDir: dataDir, env: {} };
    await expect(startServer({ ...options, limits: { maxBufferedBytes: 1024 * 1024 } })).rejects.toThrow(ServeConfigError);
    await expect(
      startServer({ ...options, limits: { maxBufferedBytes: 64 * 1024 }, watch: { highWaterBytes: 64 * 1024 } }),
    ).rejects.toThrow(/high-water mark \(64 KiB\) must be below maxBufferedBytes \(64 KiB\)/);
    await expect(startServer({ ...options, limits: { maxConnections: 0 } })).rejects.toThrow(/maxConnections/);
    server = await startServer({ ...options, limits: { maxBufferedBytes: 128 * 1024 }, watch: { highWaterBytes: 64 * 1024 } });
    expect(server.port).toBeGreaterThan(0);
  });
});
