import type { z } from 'zod';
import {
  API_CALLS,
  API_EVENTS,
  isEventName,
  type CallInput,
  type CallName,
  type CallOutput,
  type EventName,
  type EventPayload,
} from './contract.ts';
import { API_ERROR_CODES, ApiError } from './errors.ts';

/**
 * How the client reaches the server: the Electron preload, a WebSocket, or a test double. `request` resolves with
 * the call's raw output or rejects (with an {@link ApiError} when the server refused the call).
 */
export interface ApiTransport {
  request(name: string, input: unknown): Promise<unknown>;
  /** Receives every pushed event; returns the unsubscribe function. */
  onEvent(handler: (name: string, payload: unknown) => void): () => void;
}

/** The typed API. Outputs and event payloads are validated against the contract before anyone sees them. */
export interface ApiClient {
  call<N extends CallName>(name: N, input: CallInput<N>): Promise<CallOutput<N>>;
  on<E extends EventName>(name: E, handler: (payload: EventPayload<E>) => void): () => void;
}

export interface ApiClientOptions {
  /** Called with pushed events that do not match the contract (they are dropped). */
  onInvalidEvent?: (name: string, error: ApiError) => void;
}

/** Builds the typed client over any transport; the client knows nothing of how messages travel. */
export function createApiClient(transport: ApiTransport, options: ApiClientOptions = {}): ApiClient {
  return {
    async call(name, input) {
      let raw: unknown;
      try {
        raw = await transport.request(name, input);
      } catch (error) {
        if (error instanceof ApiError) throw error;
        throw new ApiError(API_ERROR_CODES.transport, `${name}: ${error instanceof Error ? error.message : String(error)}`, {
          cause: error,
        });
      }
      const schema: z.ZodType = API_CALLS[name].output;
      const parsed = schema.safeParse(raw);
      if (!parsed.success) throw invalidAnswer(name, parsed.error);
      return parsed.data as CallOutput<typeof name>;
    },
    on(name, handler) {
      const schema: z.ZodType = API_EVENTS[name];
      return transport.onEvent((eventName, payload) => {
        if (eventName !== name || !isEventName(eventName)) return;
        const parsed = schema.safeParse(payload);
        if (!parsed.success) {
          options.onInvalidEvent?.(eventName, invalidAnswer(`event ${eventName}`, parsed.error));
          return;
        }
        handler(parsed.data as EventPayload<typeof name>);
      });
    },
  };
}

function invalidAnswer(what: string, error: z.ZodError): ApiError {
  const first = error.issues[0];
  const where = first === undefined || first.path.length === 0 ? '' : ` at ${first.path.join('.')}`;
  return new ApiError(
    API_ERROR_CODES.transport,
    `${what}: the server's answer does not match the contract${where}: ${first?.message ?? ''}`,
  );
}
