import type { AddressInfo } from 'node:net';
import { afterEach, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { createSocketTransport, type SocketTransport } from '../../src-shared/api/socket-transport.ts';
import { waitUntil } from '../services/testing/waiting.ts';

let wss: WebSocketServer | undefined;
let transport: SocketTransport | undefined;
afterEach(async () => {
  transport?.close();
  await new Promise((resolve) => wss?.close(resolve) ?? resolve(undefined));
});

it('rejects pending requests when the connection drops, then reconnects and answers again', async () => {
  wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise((resolve) => wss?.once('listening', resolve));
  const { port } = wss.address() as AddressInfo;
  let connections = 0;
  wss.on('connection', (socket) => {
    connections += 1;
    // The first connection swallows its request and drops; later ones answer.
    socket.on('message', (data: Buffer) => {
      const { id } = JSON.parse(data.toString('utf8')) as { id: number };
      if (connections === 1) socket.terminate();
      else socket.send(JSON.stringify({ id, ok: true, output: { pong: id } }));
    });
  });
  const statuses: string[] = [];
  transport = createSocketTransport({
    connect: () => new WebSocket(`ws://127.0.0.1:${port}`),
    backoff: { initialMs: 20, maxMs: 50 },
    onStatus: (status) => statuses.push(status),
  });
  await expect(transport.request('workspaces.list', {})).rejects.toMatchObject({
    code: 'OPR-162',
    message: /connection to the Operon server closed .*may or may not have been carried out/,
  });
  await expect(transport.request('workspaces.list', {})).rejects.toThrow(/not connected/);
  await waitUntil(() => statuses.filter((status) => status === 'open').length === 2, 'the transport reconnected');
  await expect(transport.request('workspaces.list', {})).resolves.toEqual({ pong: 2 });
  expect(connections).toBe(2);
  expect(statuses.slice(0, 4)).toEqual(['connecting', 'open', 'closed', 'connecting']);
  transport.close();
  await expect(transport.request('workspaces.list', {})).rejects.toThrow(/was closed/);
});
