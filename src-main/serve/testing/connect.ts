import { WebSocket } from 'ws';
import { createApiClient, type ApiClient } from '../../../src-shared/api/client.ts';
import type { EventPayload } from '../../../src-shared/api/contract.ts';
import { API_PATH, API_SUBPROTOCOL } from '../../../src-shared/api/protocol.ts';
import { createSocketTransport, type SocketTransport } from '../../../src-shared/api/socket-transport.ts';
import { EVENT_WAIT_MS } from '../../services/testing/waiting.ts';
import type { RunningServer } from '../server.ts';

export interface TestConnection {
  client: ApiClient;
  transport: SocketTransport;
  /** Every `run.event` payload received so far (of the runs this connection watches). */
  runEvents: EventPayload<'run.event'>[];
  /** Every `run.watchEnded` payload received so far. */
  watchEnds: EventPayload<'run.watchEnded'>[];
  /** Every `runs.changed` payload received so far. */
  changes: EventPayload<'runs.changed'>[];
  /** Every message the server sent this connection (answers and pushed events), as the text that crossed the socket. */
  rawMessages: string[];
  /** Resolves once `runs.changed` said the run reached `status` (its logs are then on disk). */
  waitForStatus(runId: string, status: string, timeoutMs?: number): Promise<void>;
  /** Resolves once `predicate` holds for the received run events (checked on each new one). */
  waitForRunEvents(predicate: (events: EventPayload<'run.event'>[]) => boolean, timeoutMs?: number): Promise<void>;
  /** Watches the run on this connection (`runs.watch` from `fromSeq`, default 0): its events then arrive in `runEvents`. */
  watch(runId: string, fromSeq?: number): Promise<void>;
  /**
   * Stops reading the socket (its TCP window fills, and the server's backlog grows), or reads it again: a client too
   * slow for what it watches.
   */
  pauseReading(): void;
  resumeReading(): void;
  /** Resolves with the run's `count`-th `run.watchEnded` (default the first) once it came. */
  waitForWatchEnd(runId: string, count?: number, timeoutMs?: number): Promise<EventPayload<'run.watchEnded'>>;
}

/** A Node client of a running server: the shared socket transport over `ws`, the token (default the server's) as subprotocol. */
export function connectApi(server: RunningServer, token = server.token): TestConnection {
  let socket: WebSocket | undefined;
  const rawMessages: string[] = [];
  const transport = createSocketTransport({
    connect: () => {
      socket = new WebSocket(`ws://127.0.0.1:${server.port}${API_PATH}`, [API_SUBPROTOCOL, `${API_SUBPROTOCOL}.${token}`]);
      socket.on('message', (data: Buffer) => rawMessages.push(data.toString('utf8')));
      return socket;
    },
    backoff: { initialMs: 50, maxMs: 200 },
  });
  const client = createApiClient(transport);
  const runEvents: EventPayload<'run.event'>[] = [];
  const waiters = new Set<() => void>();
  const changes: EventPayload<'runs.changed'>[] = [];
  const watchEnds: EventPayload<'run.watchEnded'>[] = [];
  const received =
    <T>(list: T[]) =>
    (payload: T): void => {
      list.push(payload);
      for (const check of waiters) check();
    };
  client.on('run.event', received(runEvents));
  client.on('runs.changed', received(changes));
  client.on('run.watchEnded', received(watchEnds));
  const waitFor = (predicate: () => boolean, timeoutMs: number): Promise<void> =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        waiters.delete(check);
        reject(
          new Error(
            `timed out; got events ${runEvents.map((e) => e.event.type).join(', ')}; changes ${changes.map((c) => c.status).join(', ')}; ` +
              `watch ends ${watchEnds.map((e) => `${e.reason} ${e.nextSeq}`).join(', ')}`,
          ),
        );
      }, timeoutMs);
      const check = (): void => {
        if (!predicate()) return;
        clearTimeout(timer);
        waiters.delete(check);
        resolve();
      };
      waiters.add(check);
      check();
    });
  const endsOf = (runId: string) => watchEnds.filter((end) => end.runId === runId);
  return {
    client,
    transport,
    runEvents,
    watchEnds,
    changes,
    rawMessages,
    pauseReading: () => socket?.pause(),
    resumeReading: () => socket?.resume(),
    async watch(runId, fromSeq = 0) {
      await client.call('runs.watch', { runId, fromSeq });
    },
    async waitForWatchEnd(runId, count = 1, timeoutMs = EVENT_WAIT_MS) {
      await waitFor(() => endsOf(runId).length >= count, timeoutMs);
      return endsOf(runId)[count - 1]!;
    },
    waitForStatus: (runId, status, timeoutMs = EVENT_WAIT_MS) =>
      waitFor(() => changes.some((change) => change.runId === runId && change.status === status), timeoutMs),
    waitForRunEvents: (predicate, timeoutMs = EVENT_WAIT_MS) => waitFor(() => predicate(runEvents), timeoutMs),
  };
}

/** Opens a raw `ws` socket and resolves with the upgrade's HTTP status (101 when accepted) and, when refused, its body. */
export function upgradeStatus(
  url: string,
  options: { protocols?: string[]; origin?: string } = {},
): Promise<{ status: number; socket?: WebSocket; body?: string }> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, options.protocols ?? [], options.origin === undefined ? {} : { origin: options.origin });
    socket.once('open', () => resolve({ status: 101, socket }));
    socket.once('unexpected-response', (_request, response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.once('end', () => {
        resolve({ status: response.statusCode ?? 0, body });
        socket.terminate();
      });
    });
    socket.once('error', (error) => {
      if (socket.readyState !== WebSocket.CLOSED) reject(error);
    });
  });
}

/** Sends one raw text message and resolves with the next message that answers it (not a pushed event). */
export function rawCall(socket: WebSocket, text: string): Promise<Record<string, unknown>> {
  return new Promise((resolve) => {
    const onMessage = (data: Buffer): void => {
      const message = JSON.parse(data.toString('utf8')) as Record<string, unknown>;
      if ('event' in message) return;
      socket.off('message', onMessage);
      resolve(message);
    };
    socket.on('message', onMessage);
    socket.send(text);
  });
}
