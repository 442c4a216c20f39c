/** Where webhooks are served: `/hooks/<workspace>/<workflowId>/<path>` on the host that serves Operon. */
export const HOOKS_PREFIX = '/hooks';

/** A webhook's own path: 1-8 segments of letters, digits, `_`, `-`, `.` (not starting with `.`), no `..`. */
export const WEBHOOK_PATH_PATTERN = /^[A-Za-z0-9_-][A-Za-z0-9_.-]{0,63}(?:\/[A-Za-z0-9_-][A-Za-z0-9_.-]{0,63}){0,7}$/;

/** The header a caller sends the token in with auth "token" (or `Authorization: Bearer <token>`). */
export const WEBHOOK_TOKEN_HEADER = 'x-operon-token';
/** With auth "hmac": the Unix time in seconds the caller signed at. */
export const WEBHOOK_TIMESTAMP_HEADER = 'x-operon-timestamp';
/** With auth "hmac": `sha256=` and the hex HMAC-SHA256, keyed with the secret, of `<timestamp>.<raw body>`. */
export const WEBHOOK_SIGNATURE_HEADER = 'x-operon-signature';
/** A signed request older or newer than this is refused as stale (and a signature seen within it as a replay). */
export const WEBHOOK_TOLERANCE_SECONDS = 300;

/** The headers a webhook's payload never carries (what authenticated the caller). */
export const WEBHOOK_HIDDEN_HEADERS: readonly string[] = ['authorization', 'cookie', WEBHOOK_TOKEN_HEADER, WEBHOOK_SIGNATURE_HEADER];

/** The path of a workflow's webhook (URL-encoded segments), to show and to match. */
export function webhookPath(workspace: string, workflowId: string, path: string): string {
  return `${HOOKS_PREFIX}/${encodeURIComponent(workspace)}/${encodeURIComponent(workflowId)}/${path}`;
}
