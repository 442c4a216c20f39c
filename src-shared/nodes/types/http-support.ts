import type { NodeContext } from '../define-node-type.ts';
import { OperonError } from '../../errors/operon-error.ts';
import { describeKind, isPlainObject, toText } from './values.ts';

type Templater = Pick<NodeContext<unknown, unknown>, 'template'>;

/** Fills every string leaf of a value (object keys stay as they are); other leaves pass through. */
export async function templateDeep(ctx: Templater, value: unknown, data: unknown, field: string): Promise<unknown> {
  if (typeof value === 'string') return ctx.template(value, data, field);
  if (Array.isArray(value)) return Promise.all(value.map((item, index) => templateDeep(ctx, item, data, `${field}.${index}`)));
  if (!isPlainObject(value)) return value;
  const entries = await Promise.all(
    Object.entries(value).map(async ([key, item]) => [key, await templateDeep(ctx, item, data, `${field}.${key}`)] as const),
  );
  return Object.fromEntries(entries);
}

/** A request URL, checked to be absolute http(s); user info is taken out and returned apart. */
export function parseRequestUrl(text: string): { url: URL; credentials: string | undefined } {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    // The text is not echoed: it may hold a password.
    throw new OperonError('OPR-108', 'config.url is not a valid absolute URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new OperonError('OPR-108', `only http and https URLs are allowed, not ${url.protocol}`);
  }
  const credentials =
    url.username === '' && url.password === '' ? undefined : `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`;
  url.username = '';
  url.password = '';
  return { url, credentials };
}

/** Base64 of UTF-8 text, for a Basic authorization header. */
export function base64(text: string): string {
  return btoa(Array.from(new TextEncoder().encode(text), (byte) => String.fromCharCode(byte)).join(''));
}

/** Encodes a request body by type, setting a content type unless the headers have one. */
export function encodeBody(body: unknown, bodyType: 'json' | 'text' | 'form', headers: Headers): string {
  const setType = (type: string): void => {
    if (!headers.has('content-type')) headers.set('content-type', type);
  };
  switch (bodyType) {
    case 'json':
      setType('application/json');
      return JSON.stringify(body ?? null);
    case 'text':
      setType('text/plain;charset=utf-8');
      return toText(body);
    case 'form':
      setType('application/x-www-form-urlencoded;charset=utf-8');
      if (typeof body === 'string') return body;
      if (!isPlainObject(body)) throw new OperonError('OPR-108', `a form body must be an object, got ${describeKind(body)}`);
      return new URLSearchParams(Object.entries(body).map(([key, value]): [string, string] => [key, toText(value)])).toString();
  }
}

const JSON_CONTENT_TYPE = /^application\/(?:[\w.-]+\+)?json\s*(?:;|$)/i;

/** Decodes a response body: JSON for `json`, or for `auto` when the content type is JSON; else text. Empty JSON is null. */
export function decodeBody(
  text: string,
  contentType: string | null,
  responseType: 'auto' | 'json' | 'text',
  url: string,
  status: number,
): unknown {
  const json = responseType === 'json' || (responseType === 'auto' && JSON_CONTENT_TYPE.test(contentType ?? ''));
  if (!json) return text;
  if (text.trim() === '') return null;
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new OperonError('OPR-108', `the response from ${url} (status ${status}) is not valid JSON: ${(error as Error).message}`, {
      details: { status, url },
      cause: error,
    });
  }
}

/** Whether a failed status is worth retrying: 5xx and 429 (too many requests). */
export function retryableStatus(status: number): boolean {
  return status >= 500 || status === 429;
}

/** The start of a response body for an error's details. */
export function excerpt(text: string, max = 300): string {
  return text.length <= max ? text : `${text.slice(0, max)}…`;
}

/** Methods that change something on the server: their requests carry an `Idempotency-Key`. */
const CHANGING_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * The `Idempotency-Key` of a request that changes something: the same for the same run, node, attempt and request
 * (so a request sent again after the process died mid-call, when the run is resumed, lets the server see it already
 * has it), different for each item of a Map and each retry. A hash: nothing of the request can be read from it.
 * Undefined for reads, and when the node's headers set their own key.
 */
export async function idempotencyKey(
  request: { method: string; url: string; body: string | undefined; headers: Headers },
  origin: { runId: string; nodeId: string; attempt: number },
): Promise<string | undefined> {
  if (!CHANGING_METHODS.has(request.method) || request.headers.has('idempotency-key')) return undefined;
  const text = [origin.runId, origin.nodeId, String(origin.attempt), request.method, request.url, request.body ?? ''].join('\n');
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return `operon-${[...new Uint8Array(digest).slice(0, 16)].map((byte) => byte.toString(16).padStart(2, '0')).join('')}`;
}
