import { ApiError } from './errors.ts';
import { ServerMessageSchema } from './protocol.ts';

/** A request waiting for its answer, as a client transport keeps it. */
export interface AwaitedAnswer {
  resolve: (output: unknown) => void;
  reject: (error: unknown) => void;
}

/**
 * Takes one message of the wire protocol (protocol.ts) on the client side, whatever carried it (a WebSocket, a
 * MessagePort): a pushed event goes to every handler; an answer settles its request and leaves `pending` (a refusal
 * as an {@link ApiError}). A message that is not JSON, not of the protocol, or answers no pending request is dropped.
 */
export function takeServerMessage(
  data: unknown,
  pending: Map<number, AwaitedAnswer>,
  handlers: Iterable<(name: string, payload: unknown) => void>,
): void {
  let json: unknown;
  try {
    json = JSON.parse(typeof data === 'string' ? data : String(data));
  } catch {
    return;
  }
  const parsed = ServerMessageSchema.safeParse(json);
  if (!parsed.success) return;
  const message = parsed.data;
  if ('event' in message) {
    for (const handler of handlers) handler(message.event, message.payload);
    return;
  }
  if (typeof message.id !== 'number') return;
  const request = pending.get(message.id);
  if (request === undefined) return;
  pending.delete(message.id);
  if (message.ok) request.resolve(message.output);
  else request.reject(ApiError.fromInfo(message.error));
}
