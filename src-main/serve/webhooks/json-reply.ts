import type { ServerResponse } from 'node:http';
import type { ErrorCode } from '../../../src-shared/errors/catalogue.ts';

/** The header every webhook answer that names a run carries. */
export const RUN_ID_HEADER = 'x-operon-run-id';

/** Sends `body` as JSON with `status` (and `headers`); never caches, never sniffs. */
export function sendJson(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  sendJsonText(response, status, JSON.stringify(body), headers);
}

/** Sends JSON already written out (redacted, say). */
export function sendJsonText(response: ServerResponse, status: number, text: string, headers: Record<string, string> = {}): void {
  if (response.headersSent || response.destroyed) return;
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': String(Buffer.byteLength(text)),
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    ...headers,
  });
  response.end(text);
}

/** A refusal as every webhook and health answer gives it: `{ error: { code, message } }`. */
export function sendError(
  response: ServerResponse,
  status: number,
  code: ErrorCode,
  message: string,
  headers: Record<string, string> = {},
): void {
  sendJson(response, status, { error: { code, message } }, headers);
}
