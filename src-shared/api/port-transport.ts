import type { ApiTransport } from './client.ts';
import { API_ERROR_CODES, ApiError } from './errors.ts';
import type { ApiPort } from './message-port.ts';
import { takeServerMessage } from './server-message.ts';

/** An {@link ApiTransport} over one message port; {@link PortTransport.close} closes the port. */
export interface PortTransport extends ApiTransport {
  /** Closes the port: pending requests are rejected (OPR-162) and later ones too. Idempotent. */
  close(): void;
  /** Whether the port is closed (by either end). */
  readonly closed: boolean;
}

interface Pending {
  name: string;
  resolve: (output: unknown) => void;
  reject: (error: unknown) => void;
}

/**
 * The client side of the API protocol (protocol.ts) over a message port, as the WebSocket's {@link
 * createSocketTransport} is over a socket: each request `{ id, call, input }` is posted as JSON text and answered by
 * id; pushed `{ event, payload }` messages go to every handler. Every message received is checked against the
 * protocol and one that does not match is dropped. A port does not reconnect: when it closes, pending requests are
 * rejected with OPR-162 and whoever owns the transport opens a new one.
 */
export function createPortTransport(port: ApiPort): PortTransport {
  const pending = new Map<number, Pending>();
  const handlers = new Set<(name: string, payload: unknown) => void>();
  let nextId = 1;
  let closed = false;

  port.onMessage((data) => {
    if (typeof data === 'string') takeServerMessage(data, pending, handlers);
  });
  port.onClose(() => {
    closed = true;
    const all = [...pending.values()];
    pending.clear();
    for (const request of all)
      request.reject(
        new ApiError(
          API_ERROR_CODES.transport,
          `${request.name}: the Operon engine host went away; the request may or may not have been carried out`,
        ),
      );
  });

  return {
    request(name, input) {
      if (closed)
        return Promise.reject(new ApiError(API_ERROR_CODES.transport, `${name}: the connection to the Operon engine host is closed`));
      const id = nextId++;
      let text: string;
      try {
        text = JSON.stringify({ id, call: name, input });
      } catch (error) {
        return Promise.reject(new ApiError(API_ERROR_CODES.badRequest, `${name}: the input cannot be sent: ${(error as Error).message}`));
      }
      return new Promise((resolve, reject) => {
        pending.set(id, { name, resolve, reject });
        port.postMessage(text);
      });
    },
    onEvent(handler) {
      handlers.add(handler);
      return () => handlers.delete(handler);
    },
    close() {
      port.close();
    },
    get closed() {
      return closed;
    },
  };
}
