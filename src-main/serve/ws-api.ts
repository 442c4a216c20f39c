import { WebSocket, type RawData } from 'ws';
import type { ResponseMessage } from '../../src-shared/api/protocol.ts';
import type { ApiHandlers, PrincipalRefresh } from '../host/api/api-handlers.ts';
import type { Principal } from '../../src-shared/api/permissions.ts';
import { answerRequest, refuse } from '../host/api/answer-request.ts';
import { createCallQueue } from './call-queue.ts';
import { CLOSE_CODES } from './close-reasons.ts';
import { describeBytes, type ServeLimits } from './serve-limits.ts';

export interface ApiSocketOptions {
  handlers: ApiHandlers;
  limits: ServeLimits;
  /** One line for each connection the server ends because of its client (a protocol error, a client too far behind). */
  log: (line: string) => void;
  onUnexpected: (error: unknown) => void;
  /** The client's address and port, for the log. */
  peer: string;
  /** Who the client acts as (its token's user); every call is checked against its roles. */
  principal: Principal;
  /** Reads the principal again before each call (a named user's roles may change while connected). */
  refresh?: PrincipalRefresh;
}

/**
 * Speaks the API protocol on one WebSocket, as one API connection: each request is validated at the boundary and
 * answered by id (in any order: up to `maxCallsInFlight` calls run at once, see call-queue.ts); pushed events are
 * `runs.changed` and the events of the runs this socket watches. The socket's `bufferedAmount` is the connection's
 * backlog, and every send callback reports a write, so a client that stops reading is noticed (see run-watch.ts);
 * past `maxBufferedBytes` unsent it is closed with 1008 and dropped. A protocol error (ws closes the socket with
 * 1002, 1007 or 1009) is logged in one line and ends this connection only. Closing the socket closes the connection
 * and its watches. A bad message gets an error answer naming what is wrong and the connection stays open.
 */
export function serveApiConnection(socket: WebSocket, options: ApiSocketOptions): void {
  const { limits, log, peer } = options;
  let ended = false;
  const calls = createCallQueue(limits.maxCallsInFlight, { pause: () => socket.pause(), resume: () => socket.resume() });
  const send = (message: unknown): void => {
    if (ended || socket.readyState !== WebSocket.OPEN) return;
    const unsent = socket.bufferedAmount;
    if (unsent > limits.maxBufferedBytes) return dropTooFarBehind(unsent);
    socket.send(JSON.stringify(message), written);
  };
  const connection = options.handlers.connect({ push: send, backlog: () => socket.bufferedAmount }, options.principal, options.refresh);
  function written(): void {
    connection.written();
  }
  /** Stops serving the connection at once: no more calls start, its watches end, nothing more is sent. */
  const end = (): void => {
    ended = true;
    calls.close();
    connection.close();
  };
  function dropTooFarBehind(unsent: number): void {
    end();
    log(
      `dropped the connection from ${peer}: ${unsent} bytes unsent, over the ${limits.maxBufferedBytes} allowed (a client that does not read what it is sent)`,
    );
    socket.close(CLOSE_CODES.policyViolation, `too far behind: read faster (over ${describeBytes(limits.maxBufferedBytes)} unsent)`);
    socket.resume(); // the call queue may have paused it; the client's close frame must be read
  }

  socket.on('error', (error: Error & { code?: string }) => {
    // ws has closed the socket with the right code (close-reasons.ts adds the reason); the server goes on.
    end();
    log(`closed the connection from ${peer}: ${error.message}${error.code === undefined ? '' : ` (${error.code})`}`);
  });
  socket.on('close', end);
  socket.on('message', (data, isBinary) => {
    calls.add(() => answer(data, isBinary).then(send).catch(options.onUnexpected));
  });

  function answer(data: RawData, isBinary: boolean): Promise<ResponseMessage> {
    if (isBinary) return Promise.resolve(refuse(null, 'binary messages are not supported: send JSON text'));
    return answerRequest(connection, rawText(data), options.onUnexpected);
  }
}

function rawText(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.from(data as ArrayBuffer).toString('utf8');
}
