import { API_ERROR_CODES, badRequest, toApiErrorInfo } from '../../../src-shared/api/errors.ts';
import { RequestIdSchema, RequestMessageSchema, type RequestId, type ResponseMessage } from '../../../src-shared/api/protocol.ts';
import { OperonError } from '../../../src-shared/errors/operon-error.ts';
import { readJsonMessage } from '../../../src-shared/limits/message-limits.ts';
import type { ApiConnection } from './api-sink.ts';

/**
 * Answers one request of the wire protocol (protocol.ts) for any transport that carries it as JSON text: the
 * WebSocket and the engine process's message ports. The message is checked at the boundary; one that is not JSON, or
 * not a request, gets an OPR-160 answer naming what is wrong (with its id when one can be read, else `id: null`), and
 * a failing call gets its error; one past the size or depth limit gets OPR-006 naming the limit. It never rejects. `onUnexpected` hears errors that are not Operon's own.
 */
export async function answerRequest(
  connection: ApiConnection,
  text: string,
  onUnexpected: (error: unknown) => void,
): Promise<ResponseMessage> {
  const read = readJsonMessage(text);
  // Too large or too deep: OPR-006 names the limit; no id is read from it (that would mean parsing it).
  if (!read.ok) return read.reason === 'not-json' ? refuse(null, read.message) : tooLarge(read.message);
  const json = read.json;
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

/** An OPR-160 answer with `message`. */
export function refuse(id: RequestId | null, message: string): ResponseMessage {
  return { id, ok: false, error: { code: API_ERROR_CODES.badRequest, message } };
}

/** An OPR-006 answer: the message passed the size or depth limit (src-shared/limits/message-limits.ts). */
function tooLarge(message: string): ResponseMessage {
  return { id: null, ok: false, error: { code: 'OPR-006', message } };
}
