import type { HttpService } from '../../src-shared/services/http.ts';
import { OperonError } from '../../src-shared/errors/operon-error.ts';
import type { EgressGuard } from './policy/egress-guard.ts';

const MAX_REDIRECTS = 20;

/**
 * HTTP through the global fetch (or `options.fetch`). Only http: and https: URLs are allowed: a workflow must not
 * read `file:` or `data:` URLs through an HTTP node. A URL that does not parse is OPR-108.
 * With a workspace policy (`options.egress` gives its guard), every request and every redirect it follows is checked (OPR-264), and
 * connections go through the guard's dispatcher, which checks the address each name resolves to.
 */
export function createHttpService(options: { fetch?: typeof fetch; egress?: () => EgressGuard | undefined } = {}): HttpService {
  const fetchImpl = options.fetch ?? globalThis.fetch;
  return {
    async fetch(url, init) {
      const parsed = checkedUrl(url);
      const egress = options.egress?.();
      if (egress === undefined) return fetchImpl(parsed, init);
      return followChecked(fetchImpl, egress, parsed, init);
    },
  };
}

function checkedUrl(url: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new OperonError('OPR-108', `Not a valid URL: ${url}`, { details: { url } });
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new OperonError('OPR-108', `Only http and https URLs are allowed, not ${parsed.protocol} (${url})`, { details: { url } });
  }
  return parsed;
}

/** Sends the request through the guard, following redirects itself so each new location is checked as the first was. */
async function followChecked(
  fetchImpl: typeof fetch,
  egress: EgressGuard,
  first: URL,
  init: RequestInit & { signal: AbortSignal },
): Promise<Response> {
  const follow = init.redirect === undefined || init.redirect === 'follow';
  let url = first;
  let request: RequestInit = init;
  for (let hop = 0; ; hop++) {
    egress.checkUrl(url);
    let response: Response;
    try {
      response = await fetchImpl(url, { ...request, redirect: 'manual', dispatcher: await egress.dispatcher() });
    } catch (error) {
      // A refused address surfaces as fetch's "fetch failed" with the guard's error as its cause.
      const cause = (error as { cause?: unknown }).cause;
      if (cause instanceof OperonError) throw cause;
      throw error;
    }
    const location = response.headers.get('location');
    if (!follow || response.status < 300 || response.status > 399 || location === null) {
      if (!follow && init.redirect === 'error' && location !== null && response.status >= 300 && response.status <= 399)
        throw new TypeError(`${url.href} redirected to ${location}`);
      return response;
    }
    if (hop >= MAX_REDIRECTS)
      throw new OperonError('OPR-108', `${first.href}: more than ${MAX_REDIRECTS} redirects`, { details: { url: first.href } });
    await response.body?.cancel();
    const previous = url;
    url = checkedUrl(new URL(location, url).href);
    // As fetch does: credentials are not sent on to another origin.
    if (url.origin !== previous.origin && request.headers !== undefined) {
      const headers = new Headers(request.headers);
      for (const name of ['authorization', 'cookie', 'proxy-authorization']) headers.delete(name);
      request = { ...request, headers };
    }
    // As fetch does: 303 (and 301/302 after a POST) continue as a GET without a body.
    const method = (request.method ?? 'GET').toUpperCase();
    if (response.status === 303 ? method !== 'HEAD' : (response.status === 301 || response.status === 302) && method === 'POST') {
      const { body: _body, ...rest } = request;
      request = { ...rest, method: 'GET' };
    }
  }
}
