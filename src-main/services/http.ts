import type { HttpService } from '../../src-shared/services/http.ts';
import { OperonError } from '../../src-shared/errors/operon-error.ts';

/**
 * HTTP through the global fetch (or `options.fetch`). Only http: and https: URLs are allowed: a workflow must not
 * read `file:` or `data:` URLs through an HTTP node. A URL that does not parse is OPR-108.
 */
export function createHttpService(options: { fetch?: typeof fetch } = {}): HttpService {
  const fetchImpl = options.fetch ?? globalThis.fetch;
  return {
    fetch(url, init) {
      let parsed: URL;
      try {
        parsed = new URL(url);
      } catch {
        return Promise.reject(new OperonError('OPR-108', `Not a valid URL: ${url}`, { details: { url } }));
      }
      if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
        return Promise.reject(
          new OperonError('OPR-108', `Only http and https URLs are allowed, not ${parsed.protocol} (${url})`, { details: { url } }),
        );
      }
      return fetchImpl(parsed, init);
    },
  };
}
