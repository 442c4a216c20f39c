import type { ApiPort } from '../../src-shared/api/message-port.ts';
import type { ApiHandlers } from '../host/api/api-handlers.ts';
import { answerRequest, refuse } from '../host/api/answer-request.ts';

/** What {@link serveApiPort} returns: the served connection, to close from this side. */
export interface ServedPort {
  /** Closes the port and the API connection (its watches end). Idempotent. */
  close(): void;
}

/**
 * Speaks the API protocol (protocol.ts) on one message port, as one API connection, exactly as `operon serve`'s
 * WebSocket does on a socket: each message is JSON text, a request is validated at the boundary and answered by id
 * (calls run concurrently), and pushed events are `runs.changed` and the events of the runs this port watches
 * (`runs.watch` is per connection, so per window). A message that is not text, not JSON or not a request gets an
 * OPR-160 answer and the port stays open. When either end closes the port, the connection closes with it.
 *
 * A port has no backpressure to read (the sink's backlog is 0), so watches never queue for a port: an Electron window
 * reads its events as fast as the main process relays them.
 */
export function serveApiPort(port: ApiPort, handlers: ApiHandlers, onUnexpected: (error: unknown) => void): ServedPort {
  let closed = false;
  const send = (message: unknown): void => {
    if (closed) return;
    let text: string;
    try {
      text = JSON.stringify(message);
    } catch (error) {
      onUnexpected(error);
      return;
    }
    port.postMessage(text);
  };
  const connection = handlers.connect({ push: send, backlog: () => 0 });
  port.onClose(() => {
    closed = true;
    connection.close();
  });
  port.onMessage((data) => {
    const answering =
      typeof data === 'string'
        ? answerRequest(connection, data, onUnexpected)
        : Promise.resolve(refuse(null, 'the message is not text: send the JSON text of a request'));
    void answering.then(send);
  });
  return { close: () => port.close() };
}
