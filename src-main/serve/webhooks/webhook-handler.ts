import type { IncomingMessage, ServerResponse } from 'node:http';
import type { WebhookPayload } from '../../../src-shared/nodes/types/triggers/webhook-trigger.ts';
import { HOOKS_PREFIX, WEBHOOK_HIDDEN_HEADERS } from '../../../src-shared/triggers/webhook.ts';
import type { TriggerDispatcher } from '../../host/triggers/trigger-source.ts';
import { sendError } from './json-reply.ts';
import { fieldsOf, isAcceptedType, mediaType, parseBody, ACCEPTED_TYPES } from './parse-body.ts';
import { readBody } from './read-body.ts';
import type { ReplayCache } from './replay-cache.ts';
import type { RouteTable, WebhookRoute } from './route-table.ts';
import { checkSignature, checkToken } from './webhook-auth.ts';
import { replyToFiring } from './webhook-reply.ts';

/** Where a hook reads its workspace's secrets, and how what it answers is kept free of them. */
export interface WebhookSecrets {
  /** The value of secret `name` of `workspace`, or undefined when it is not set (or cannot be read). */
  get(workspace: string, name: string): Promise<string | undefined>;
  /** Every known secret value in `text` replaced by `[secret:NAME]`. */
  redact(workspace: string, text: string): Promise<string>;
}

export interface HandlerDeps {
  table: RouteTable;
  dispatcher: TriggerDispatcher;
  secrets: WebhookSecrets;
  replays: ReplayCache;
  now: () => number;
  log: (line: string) => void;
  stopping: () => boolean;
  /** The hooks whose missing secret the operator has been told of (told again once it was set and is missing again). */
  unconfigured: Set<string>;
  /** The Origins the workspace's policy allows (undefined: any); a request with another Origin header is refused (403). */
  allowedOrigins?: (workspace: string) => Promise<readonly string[] | undefined>;
}

/** Whether a request's path is under `/hooks/` (so the webhook handler answers it, whatever it finds). */
export function isHookRequest(url: string | undefined): boolean {
  return (url ?? '').startsWith(`${HOOKS_PREFIX}/`);
}

/**
 * Answers one request to `/hooks/...`: finds the active hook (404, 405), checks the Origin against the workspace policy
 * (403), checks the caller (401), reads the body within
 * the trigger's limit (413) and parses it (415, 400), fires the trigger and answers as the trigger says. Every refusal
 * is `{ error: { code, message } }` and starts no run.
 */
export async function handleHook(request: IncomingMessage, response: ServerResponse, deps: HandlerDeps): Promise<void> {
  const url = request.url ?? '/';
  const queryAt = url.indexOf('?');
  const urlPath = queryAt === -1 ? url : url.slice(0, queryAt);
  if (deps.stopping()) return refuseEarly(request, response, 503, 'OPR-249', 'the server is stopping: no new runs are taken');
  const match = deps.table.match(urlPath, request.method ?? 'GET');
  if (match.found === 'none') return refuseEarly(request, response, 404, 'OPR-245', 'no active webhook at this path');
  if (match.found === 'other-method')
    return refuseEarly(request, response, 405, 'OPR-245', `this webhook takes ${match.allow.join(', ')}`, {
      allow: match.allow.join(', '),
    });
  const { route } = match;
  const { config, workspace } = route;
  const refusedOrigin = await originRefusal(request, workspace, deps);
  if (refusedOrigin !== undefined) return refuseEarly(request, response, 403, 'OPR-266', refusedOrigin);
  // The body waits unread in the request (a paused stream) meanwhile.
  const secret = await deps.secrets.get(workspace, config.secret);
  if (secret === undefined) {
    // Once per hook until its secret is set: callers retrying cannot flood the operator's log.
    if (!deps.unconfigured.has(route.urlPath))
      deps.log(
        `webhook ${route.urlPath} (workflow ${route.workflowId}, node ${route.nodeId}) is not configured: its secret ${config.secret} is not set (set OPERON_SECRET_${config.secret.toUpperCase()} where the server runs, or store it with operon secrets set ${config.secret})`,
      );
    deps.unconfigured.add(route.urlPath);
    return refuseEarly(request, response, 503, 'OPR-248', 'this webhook is not configured');
  }
  deps.unconfigured.delete(route.urlPath);
  if (config.auth === 'token') {
    const auth = checkToken(request.headers, secret);
    if (!auth.ok) return refuseEarly(request, response, auth.status, 'OPR-246', auth.message);
  }
  const type = mediaType(request.headers['content-type']);
  const bodyless =
    request.headers['content-length'] === '0' ||
    (request.headers['content-length'] === undefined && request.headers['transfer-encoding'] === undefined);
  if (config.auth === 'token' && !bodyless && !isAcceptedType(type))
    return refuseEarly(
      request,
      response,
      415,
      'OPR-247',
      `a webhook takes ${ACCEPTED_TYPES}, not ${type === '' ? 'a body without a Content-Type' : type}`,
    );
  const read = await readBody(request, config.maxBodyBytes);
  if (!read.ok) {
    if (read.reason === 'too-large')
      refuseEarly(request, response, 413, 'OPR-247', `the body is larger than this webhook takes (${config.maxBodyBytes} bytes)`);
    return;
  }
  if (config.auth === 'hmac') {
    const auth = checkSignature(request.headers, read.raw, secret, deps.now(), deps.replays);
    if (!auth.ok) return sendError(response, auth.status, auth.status === 401 ? 'OPR-246' : 'OPR-249', auth.message);
  }
  const parsed = parseBody(read.raw, type);
  if (!parsed.ok) return sendError(response, parsed.status, 'OPR-247', parsed.message);
  const payload = payloadOf(request, route, parsed.body, type, url, queryAt, deps.now());
  const fired = await deps.dispatcher.fire({
    workspace,
    workflowId: route.workflowId,
    nodeId: route.nodeId,
    kind: 'webhook',
    payload: payload as unknown as Record<string, unknown>,
  });
  await replyToFiring(response, fired, { config, redact: (text) => deps.secrets.redact(workspace, text) });
}

/**
 * Why a request's Origin header is refused by the workspace policy, or undefined when it is not (no header, no list, or
 * listed). A policy that cannot be read allows no origin: the operator's log says why.
 */
async function originRefusal(request: IncomingMessage, workspace: string, deps: HandlerDeps): Promise<string | undefined> {
  const origin = request.headers.origin;
  if (origin === undefined || deps.allowedOrigins === undefined) return undefined;
  let allowed: readonly string[] | undefined;
  try {
    allowed = await deps.allowedOrigins(workspace);
  } catch (error) {
    deps.log(`the webhooks of workspace ${workspace} cannot read its policy: ${(error as Error).message}`);
    return `the origin ${origin} is not allowed: the workspace policy cannot be read`;
  }
  if (allowed === undefined || allowed.some((entry) => entry.replace(/\/$/, '').toLowerCase() === origin.toLowerCase())) return undefined;
  return `the origin ${origin} is not allowed to call this webhook (the workspace policy's webhooks.allowedOrigins)`;
}

function payloadOf(
  request: IncomingMessage,
  route: WebhookRoute,
  body: unknown,
  contentType: string,
  url: string,
  queryAt: number,
  nowMs: number,
): WebhookPayload {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value === undefined || WEBHOOK_HIDDEN_HEADERS.includes(name)) continue;
    headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return {
    method: route.config.method,
    path: route.config.path,
    query: queryAt === -1 ? {} : fieldsOf(new URLSearchParams(url.slice(queryAt + 1))),
    headers,
    body,
    contentType,
    receivedAt: new Date(nowMs).toISOString(),
  };
}

/**
 * A refusal sent before the body was read (or while it was): the connection is closed after it (Node's server closes
 * it once the answer is written), so an unread body of any size is never read to keep the connection alive.
 */
function refuseEarly(
  request: IncomingMessage,
  response: ServerResponse,
  status: number,
  code: Parameters<typeof sendError>[2],
  message: string,
  headers: Record<string, string> = {},
): void {
  const done = request.complete;
  sendError(response, status, code, message, done ? headers : { ...headers, connection: 'close' });
}
