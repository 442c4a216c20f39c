import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendJson } from './json-reply.ts';

export const HEALTH_PATH = '/healthz';
export const READY_PATH = '/readyz';

/**
 * `GET /healthz` (200 `{ ok: true }` while the process serves) and `GET /readyz` (200 `{ ready: true }` when `ready()`
 * says everything is started, else 503 `{ ready: false }`), without the API token: they hold no data. Returns false for
 * any other path.
 */
export function handleHealth(request: IncomingMessage, response: ServerResponse, ready: () => boolean): boolean {
  const url = request.url ?? '/';
  const queryAt = url.indexOf('?');
  const pathname = queryAt === -1 ? url : url.slice(0, queryAt);
  if (pathname !== HEALTH_PATH && pathname !== READY_PATH) return false;
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    sendJson(response, 405, { error: { code: 'OPR-245', message: `${pathname} takes GET` } }, { allow: 'GET, HEAD' });
    return true;
  }
  if (pathname === HEALTH_PATH) sendJson(response, 200, { ok: true });
  else if (ready()) sendJson(response, 200, { ready: true });
  else sendJson(response, 503, { ready: false });
  return true;
}
