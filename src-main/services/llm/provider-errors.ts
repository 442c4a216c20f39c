import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError, OpenAIError } from 'openai';
import { OperonError } from '../../../src-shared/errors/operon-error.ts';
import type { ProviderConfig } from './providers.ts';

/** HTTP statuses worth retrying: timeout, conflict, rate limit and server errors. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 409 || status === 429 || status >= 500;
}

/**
 * How long the provider asked us to wait, in ms: `retry-after-ms` (OpenAI's), else `retry-after` as seconds or
 * an HTTP date. Undefined when neither header is there or readable.
 */
export function retryAfterMs(headers: Headers | undefined, now: number = Date.now()): number | undefined {
  const ms = headers?.get('retry-after-ms')?.trim();
  if (ms !== undefined && /^\d+(\.\d+)?$/.test(ms)) return Math.round(Number(ms));
  const after = headers?.get('retry-after')?.trim();
  if (after === undefined || after === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(after)) return Math.round(Number(after) * 1000);
  const date = Date.parse(after);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * An error from the SDK (or the connection under it) as an OperonError: OPR-121 when the provider refused or
 * failed, retryable for 408/409/429/5xx, timeouts and connection errors; OPR-122 when its answer was not JSON.
 * OperonErrors pass through. The provider's API key is cut out of every message (a provider may echo it).
 */
export function toProviderError(error: unknown, provider: ProviderConfig, apiKey: string | undefined): OperonError {
  if (error instanceof OperonError) return error;
  const failed = (message: string, retryable: boolean, details: Record<string, unknown> = { status: null }): OperonError =>
    new OperonError('OPR-121', withoutKey(message, apiKey), { retryable, details: { provider: provider.name, ...details } });
  const name = `Provider "${provider.name}"`;

  if (error instanceof APIConnectionTimeoutError) {
    return failed(`${name} did not answer within ${provider.timeoutMs} ms (its timeoutMs)`, true);
  }
  if (error instanceof APIConnectionError) {
    return failed(`${name} could not be reached at ${provider.baseUrl}: ${describeCause(error.cause ?? error)}`, true);
  }
  if (error instanceof APIUserAbortError) {
    return failed(`${name}: the request was cut off before it finished`, true); // not by our caller: the transport checks that first
  }
  if (error instanceof APIError) {
    const { status, headers } = error as APIError; // `instanceof` leaves the class's type parameters as any
    if (status === undefined) {
      // An error event inside a stream: the provider failed part-way. Its type says whether trying again may help.
      const retryable = error.type === 'server_error' || error.code === 'rate_limit_exceeded';
      return failed(`${name} failed while streaming its answer: ${error.message}`, retryable);
    }
    const wait = retryAfterMs(headers);
    return failed(`${name} answered HTTP ${status}: ${error.message.replace(/^\d+ /, '')}`, isRetryableStatus(status), {
      status,
      ...(wait === undefined ? {} : { retryAfterMs: wait }),
    });
  }
  if (error instanceof SyntaxError) {
    return new OperonError('OPR-122', withoutKey(`${name} answered with malformed JSON: ${error.message}`, apiKey), {
      details: { provider: provider.name },
    });
  }
  if (error instanceof OpenAIError) return failed(`${name}: ${error.message}`, false);
  // Anything else was thrown by the connection while the answer was being read (undici's "terminated", say).
  return failed(`${name}: the connection broke off: ${describeCause(error)}`, true);
}

/** The most specific reason in an error's cause chain: `ECONNREFUSED`, `other side closed`… */
function describeCause(error: unknown): string {
  const reasons: string[] = [];
  for (let current: unknown = error, depth = 0; current instanceof Error && depth < 5; current = current.cause, depth++) {
    const code = (current as { code?: unknown }).code;
    const message = current.message.replace(/\.$/, '');
    reasons.push(typeof code === 'string' && !message.includes(code) ? `${message} (${code})` : message);
  }
  return reasons.filter((reason) => reason !== '').join(': ') || String(error);
}

function withoutKey(message: string, apiKey: string | undefined): string {
  return apiKey === undefined || apiKey === '' ? message : message.replaceAll(apiKey, '[api key]');
}
