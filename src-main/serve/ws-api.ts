import { WebSocket, type RawData } from 'ws';
import { API_ERROR_CODES, badRequest, toApiErrorInfo } from '../../src-shared/api/errors.ts';
import { RequestIdSchema, RequestMessageSchema, type RequestId, type ResponseMessage } from '../../src-shared/api/protocol.ts';
import { OperonError } from '../../src-shared/errors/operon-error.ts';
import type { ApiHandlers } from '../host/api/api-handlers.ts';

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

  async function answer(data: RawData, isBinary: boolean): Promise<ResponseMessage> {
    const refuse = (id: RequestId | null, message: string): ResponseMessage => ({
      id,
      ok: false,
      error: { code: API_ERROR_CODES.badRequest, message },
    });
    if (isBinary) return refuse(null, 'binary messages are not supported: send JSON text');
    let json: unknown;
    try {
      json = JSON.parse(rawText(data));
    } catch (error) {
      return refuse(null, `the message is not JSON: ${(error as Error).message}`);
    }
    const parsed = RequestMessageSchema.safeParse(json);
    if (!parsed.success) {
      const id = RequestIdSchema.safeParse((json as { id?: unknown } | null)?.id);
      return { id: id.success ? id.data : null, ok: false, error: badRequest('message', parsed.error).toApiInfo() };
    }
    const { id, call, input } = parsed.data;
    try {
      return { id, ok: true, output: await connection.handle(call, input) };
    } catch (error) {
      if (!(error instanceof OperonError)) onUnexpected(error);
      return { id, ok: false, error: toApiErrorInfo(error) };
    }
  }
}

function rawText(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.from(data as ArrayBuffer).toString('utf8');
}
