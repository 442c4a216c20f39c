import { APIConnectionError, APIError, OpenAIError } from 'openai';
import { describe, expect, it } from 'vitest';
import { OperonError } from '../../../src-shared/errors/operon-error.ts';
import { retryAfterMs, toProviderError } from './provider-errors.ts';
import { ProviderConfigSchema } from './providers.ts';

describe('retryAfterMs', () => {
  const now = Date.parse('2025-01-01T00:00:00Z');
  it.each([
    [{ 'retry-after-ms': '20' }, 20],
    [{ 'retry-after-ms': '20.6', 'retry-after': '9' }, 21],
    [{ 'retry-after': '2' }, 2000],
    [{ 'retry-after': '0.5' }, 500],
    [{ 'retry-after': 'Wed, 01 Jan 2025 00:00:03 GMT' }, 3000],
    [{ 'retry-after': 'Tue, 31 Dec 2024 23:59:00 GMT' }, 0],
    [{ 'retry-after-ms': 'soon', 'retry-after': '1' }, 1000],
    [{ 'retry-after': 'whenever' }, undefined],
    [{}, undefined],
  ])('reads %j as %s ms', (headers, expected) => {
    expect(retryAfterMs(new Headers(headers), now)).toBe(expected);
  });
});

describe('toProviderError', () => {
  const provider = ProviderConfigSchema.parse({ name: 'p', baseUrl: 'http://127.0.0.1:1/v1' });

  it('keeps OperonErrors, and leaves a provider key out of every message', () => {
    const own = new OperonError('OPR-122', 'x');
    expect(toProviderError(own, provider, 'sk-1')).toBe(own);
    const refused = toProviderError(
      new APIError(403, { message: 'key sk-123456 is blocked' }, undefined, new Headers()),
      provider,
      'sk-123456',
    );
    expect(refused).toMatchObject({
      code: 'OPR-121',
      retryable: false,
      message: 'Provider "p" answered HTTP 403: key [api key] is blocked',
    });
  });

  it('sorts the other failures', () => {
    const refused = new APIConnectionError({
      message: 'Connection error.',
      cause: Object.assign(new Error('connect ECONNRESET'), { code: 'ECONNRESET' }),
    });
    expect(toProviderError(refused, provider, undefined)).toMatchObject({ code: 'OPR-121', retryable: true, details: { status: null } });
    expect(toProviderError(new SyntaxError('Unexpected token'), provider, undefined)).toMatchObject({ code: 'OPR-122' });
    expect(toProviderError(new OpenAIError('bad option'), provider, undefined)).toMatchObject({ code: 'OPR-121', retryable: false });
    expect(toProviderError(new TypeError('terminated'), provider, undefined)).toMatchObject({
      code: 'OPR-121',
      retryable: true,
      message: 'Provider "p": the connection broke off: terminated',
    });
  });
});
