import { WebSocket, type RawData } from 'ws';
import type { ResponseMessage } from '../../src-shared/api/protocol.ts';
import type { ApiHandlers } from '../host/api/api-handlers.ts';
import { answerRequest, refuse } from '../host/api/answer-request.ts';

/**
 * Speaks the API protocol on one WebSocket, as one API connection: each request is validated at the boundary and
 * answered by id (in any order: calls run concurrently); pushed events are `runs.changed` and the events of the runs
 * this socket watches. The socket's `bufferedAmount` is the connection's backlog, and every send callback reports a
 * write, so a client that stops reading is noticed (see run-watch.ts). Closing the socket closes the connection and
 * its watches. A bad message gets an error answer naming what is wrong and the connection stays open.
 */
export function serveApiConnection(socket: WebSocket, handlers: ApiHandlers, onUnexpected: (error: unknown) => void): void {
  const send = (message: unknown): void => {
    if (socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify(message), written);
  };
  const connection = handlers.connect({ push: send, backlog: () => socket.bufferedAmount });
  function written(): void {
    connection.written();
  }
  socket.on('close', () => connection.close());
  socket.on('message', (data, isBinary) => {
    void answer(data, isBinary).then(send);
  });

  function answer(data: RawData, isBinary: boolean): Promise<ResponseMessage> {
    if (isBinary) return Promise.resolve(refuse(null, 'binary messages are not supported: send JSON text'));
    return answerRequest(connection, rawText(data), onUnexpected);
  }
}

function rawText(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.from(data as ArrayBuffer).toString('utf8');
}
