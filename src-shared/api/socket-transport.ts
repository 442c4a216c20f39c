import type { ApiTransport } from './client.ts';
import { API_ERROR_CODES, ApiError } from './errors.ts';
import { takeServerMessage } from './server-message.ts';

/** The part of the WebSocket interface the transport uses: the browser's, Node's global one and `ws` all fit. */
export interface SocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  addEventListener(type: 'open' | 'error', listener: () => void): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
  addEventListener(type: 'close', listener: (event: { code: number; reason: string }) => void): void;
}

export type ConnectionStatus = 'connecting' | 'open' | 'closed';

export interface SocketTransportOptions {
  /** Opens a socket; called again on every reconnect. */
  connect: () => SocketLike;
  /** Reconnect delays: doubled from `initialMs` up to `maxMs`, with jitter. */
  backoff?: { initialMs: number; maxMs: number };
  onStatus?: (status: ConnectionStatus) => void;
}

export interface SocketTransport extends ApiTransport {
  /** Closes for good: pending requests are rejected and no reconnect follows. */
  close(): void;
}

const OPEN = 1;
const CONNECTING = 0;

interface Pending {
  resolve: (output: unknown) => void;
  reject: (error: unknown) => void;
  message: string;
  sent: boolean;
}

/**
 * An {@link ApiTransport} over a WebSocket speaking the protocol of `protocol.ts`. Requests made while connecting
 * wait for the socket; when it closes every pending request is rejected with a clear error, and it reconnects with
 * backoff. It knows the wire format, not the calls: those are the client's business.
 */
export function createSocketTransport(options: SocketTransportOptions): SocketTransport {
  const backoff = options.backoff ?? { initialMs: 500, maxMs: 30_000 };
  const pending = new Map<number, Pending>();
  const handlers = new Set<(name: string, payload: unknown) => void>();
  let nextId = 1;
  let attempt = 0;
  let closedForGood = false;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let socket = open();

  function open(): SocketLike {
    options.onStatus?.('connecting');
    const next = options.connect();
    next.addEventListener('open', () => {
      attempt = 0;
      options.onStatus?.('open');
      for (const request of pending.values()) {
        if (!request.sent) {
          next.send(request.message);
          request.sent = true;
        }
      }
    });
    next.addEventListener('message', (event) => onMessage(event.data));
    next.addEventListener('close', (event) => {
      options.onStatus?.('closed');
      const why = `the connection to the Operon server closed (code ${event.code}${event.reason === '' ? '' : `: ${event.reason}`})`;
      failAll(`${why}; the request may or may not have been carried out`);
      if (!closedForGood) {
        const delay = Math.min(backoff.maxMs, backoff.initialMs * 2 ** attempt) * (0.75 + Math.random() / 2);
        attempt += 1;
        retryTimer = setTimeout(() => {
          retryTimer = undefined;
          if (!closedForGood) socket = open();
        }, delay);
      }
    });
    return next;
  }

  function onMessage(data: unknown): void {
    takeServerMessage(data, pending, handlers);
  }

  function failAll(reason: string): void {
    const error = new ApiError(API_ERROR_CODES.transport, reason);
    const all = [...pending.values()];
    pending.clear();
    for (const request of all) request.reject(error);
  }

  return {
    request(name, input) {
      if (closedForGood) return Promise.reject(new ApiError(API_ERROR_CODES.transport, `${name}: the API connection was closed`));
      if (socket.readyState !== OPEN && socket.readyState !== CONNECTING)
        return Promise.reject(new ApiError(API_ERROR_CODES.transport, `${name}: not connected to the Operon server; reconnecting`));
      const id = nextId++;
      const message = JSON.stringify({ id, call: name, input });
      return new Promise((resolve, reject) => {
        const sent = socket.readyState === OPEN;
        pending.set(id, { resolve, reject, message, sent });
        if (sent) socket.send(message);
      });
    },
    onEvent(handler) {
      handlers.add(handler);
      return () => handlers.delete(handler);
    },
    close() {
      closedForGood = true;
      if (retryTimer !== undefined) clearTimeout(retryTimer);
      failAll('the API connection was closed');
      socket.close(1000, 'closed by the client');
    },
  };
}
