import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { API_PATH, API_SUBPROTOCOL } from '../../src-shared/api/protocol.ts';
import { connectApi, rawCall, type TestConnection } from './testing/connect.ts';
import { closePayload, frame, rawApiSocket } from './testing/raw-frames.ts';
import { startServer, type RunningServer } from './server.ts';

// Every WebSocket protocol error used to end `operon serve` (no 'error' listener on the socket). Each bad frame
// below must close that connection only, with the right code and a reason, be logged in one line, and leave the
// other clients served. One server takes them all in turn: it must survive every one.

const text = (value: string): Buffer => Buffer.from(value, 'utf8');

const BAD_FRAMES = (
  [
    ['invalid UTF-8 in a text message', frame(0x1, Buffer.from([0x7b, 0xff, 0xfe, 0x7d])), 1007, /invalid UTF-8/],
    [
      'invalid UTF-8 split over two fragments',
      Buffer.concat([frame(0x1, Buffer.from([0xe2, 0x82]), { fin: false }), frame(0x0, Buffer.from([0x28]))]),
      1007,
      /invalid UTF-8/,
    ],
    ['an unmasked frame', frame(0x1, text('{}'), { mask: false }), 1002, /protocol error/],
    ['a reserved data opcode (3)', frame(0x3, text('{}')), 1002, /protocol error/],
    ['a reserved control opcode (0xB)', frame(0xb, text('')), 1002, /protocol error/],
    ['RSV1 set without an extension', frame(0x1, text('{}'), { rsv: 0b100 }), 1002, /protocol error/],
    ['RSV2 and RSV3 set', frame(0x1, text('{}'), { rsv: 0b011 }), 1002, /protocol error/],
    ['a fragmented ping', frame(0x9, text('hi'), { fin: false }), 1002, /protocol error/],
    ['a continuation with no message to continue', frame(0x0, text('{}')), 1002, /protocol error/],
    ['close code 1005, which must never be sent', frame(0x8, closePayload(1005)), 1002, /protocol error/],
    ['close code 999, out of range', frame(0x8, closePayload(999)), 1002, /protocol error/],
    ['a close reason that is not UTF-8', frame(0x8, Buffer.concat([closePayload(1000), Buffer.from([0xff])])), 1007, /invalid UTF-8/],
    [
      'a message said to be 33 MB (over maxPayload)',
      frame(0x1, text('{"id":1'), { claimedLength: 33_000_000 }),
      1009,
      /too big: the limit is 16 MiB/,
    ],
    ['a message said to be 100 MB', frame(0x1, text('{"id":1'), { claimedLength: 100_000_000 }), 1009, /too big: the limit is 16 MiB/],
  ] satisfies [string, Buffer, number, RegExp][]
).map(([name, bytes, code, reason]) => ({ name, bytes, code, reason }));

let server: RunningServer;
let bystander: TestConnection;
let dataDir: string;
const logged: string[] = [];

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'operon-hostile-'));
  server = await startServer({ dataDir, staticDir: dataDir, env: {}, log: (line) => logged.push(line) });
  bystander = connectApi(server);
  expect(await bystander.client.call('workspaces.list', {})).toEqual({ workspaces: [{ id: 'default' }] });
});
afterAll(async () => {
  bystander.transport.close();
  await server.close();
  await rm(dataDir, { recursive: true, force: true });
});
beforeEach(() => {
  logged.length = 0;
});

describe('operon serve: a client sending a bad frame', () => {
  it.each(BAD_FRAMES)(
    '$name: that connection is closed ($code), one line is logged, the others are served',
    async ({ bytes, code, reason }) => {
      const raw = await rawApiSocket(server.port, server.token);
      raw.send(bytes);
      const closed = await raw.closed();
      expect(closed.code).toBe(code);
      expect(closed.reason).toMatch(reason);
      expect(logged).toHaveLength(1);
      expect(logged[0]).toMatch(/^closed the connection from 127\.0\.0\.1:\d+: \S/);
      expect(logged[0]).not.toContain('\n');

      // The client connected before is still answered, and a new one is accepted: the server is up.
      expect(await bystander.client.call('workspaces.list', {})).toEqual({ workspaces: [{ id: 'default' }] });
      const next = await rawApiSocket(server.port, server.token);
      next.send(frame(0x8, closePayload(1000, 'bye')));
      expect((await next.closed()).code).toBe(1000);
    },
  );

  it('a message over maxPayload from a real client: closed with 1009 naming the limit; a message at the limit is answered', async () => {
    const small = await startServer({
      dataDir,
      staticDir: dataDir,
      env: {},
      log: (line) => logged.push(line),
      limits: { maxPayloadBytes: 64 * 1024 },
    });
    try {
      const open = (): Promise<WebSocket> =>
        new Promise((resolve, reject) => {
          const socket = new WebSocket(`ws://127.0.0.1:${small.port}${API_PATH}`, [API_SUBPROTOCOL, `${API_SUBPROTOCOL}.${small.token}`]);
          socket.once('open', () => resolve(socket));
          socket.once('error', reject);
        });
      const padded = (bytes: number): string => {
        const bare = JSON.stringify({ id: 1, call: 'workspaces.list', input: {}, pad: '' });
        return JSON.stringify({ id: 1, call: 'workspaces.list', input: {}, pad: 'x'.repeat(bytes - bare.length) });
      };
      const fits = await open();
      expect(padded(64 * 1024)).toHaveLength(64 * 1024);
      expect(await rawCall(fits, padded(64 * 1024))).toMatchObject({ id: 1, ok: true, output: { workspaces: [{ id: 'default' }] } });

      const tooBig = await open();
      tooBig.on('error', () => undefined); // the client side sees the close, not an error to fail on
      const closed = new Promise<{ code: number; reason: string }>((resolve) =>
        tooBig.once('close', (code, reason) => resolve({ code, reason: reason.toString('utf8') })),
      );
      tooBig.send(padded(64 * 1024 + 1));
      expect(await closed).toEqual({ code: 1009, reason: 'message too big: the limit is 64 KiB' });
      expect(logged).toEqual([expect.stringMatching(/Max payload size exceeded \(WS_ERR_UNSUPPORTED_MESSAGE_LENGTH\)$/)]);
      expect(await rawCall(fits, padded(1000))).toMatchObject({ id: 1, ok: true });
      fits.close();
    } finally {
      await small.close();
    }
  });
});
