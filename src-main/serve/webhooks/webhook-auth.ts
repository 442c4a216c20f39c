import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import {
  WEBHOOK_SIGNATURE_HEADER,
  WEBHOOK_TIMESTAMP_HEADER,
  WEBHOOK_TOKEN_HEADER,
  WEBHOOK_TOLERANCE_SECONDS,
} from '../../../src-shared/triggers/webhook.ts';
import type { ReplayCache } from './replay-cache.ts';

/** A refusal is 401, except 429 when the replay cache is full (the caller did nothing wrong). */
export type AuthCheck = { ok: true } | { ok: false; status: 401 | 429; message: string };

/** Equal texts, compared in constant time (both hashed first, so neither length shows either). */
export function sameSecret(candidate: string, secret: string): boolean {
  const a = createHash('sha256').update(candidate).digest();
  const b = createHash('sha256').update(secret).digest();
  return timingSafeEqual(a, b);
}

/** Auth `token`: the secret in X-Operon-Token, or `Authorization: Bearer <secret>`. */
export function checkToken(headers: IncomingHttpHeaders, secret: string): AuthCheck {
  const header = headers[WEBHOOK_TOKEN_HEADER];
  const bearer = /^Bearer\s+(.+)$/i.exec(headers.authorization ?? '')?.[1]?.trim();
  const offered = typeof header === 'string' ? header : bearer;
  if (offered === undefined || offered === '')
    return { ok: false, status: 401, message: `send the token in an X-Operon-Token header (or Authorization: Bearer)` };
  return sameSecret(offered, secret) ? { ok: true } : { ok: false, status: 401, message: 'the token is not right' };
}

/** The signature a caller sends with auth `hmac`: `sha256=` and the hex HMAC-SHA256 of `<timestamp>.<raw body>`. */
export function signWebhook(secret: string, timestamp: string, raw: Buffer | string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.`).update(raw).digest('hex')}`;
}

/**
 * Auth `hmac`: X-Operon-Timestamp within {@link WEBHOOK_TOLERANCE_SECONDS} of `nowMs`, X-Operon-Signature the signature
 * of it and the raw body, and that signature not seen before within the window (`replays`).
 */
export function checkSignature(headers: IncomingHttpHeaders, raw: Buffer, secret: string, nowMs: number, replays: ReplayCache): AuthCheck {
  const timestamp = headers[WEBHOOK_TIMESTAMP_HEADER];
  const signature = headers[WEBHOOK_SIGNATURE_HEADER];
  if (typeof timestamp !== 'string' || typeof signature !== 'string')
    return {
      ok: false,
      status: 401,
      message: 'send X-Operon-Timestamp and X-Operon-Signature (sha256=<hex HMAC of "<timestamp>.<body>">)',
    };
  if (!/^\d{1,12}$/.test(timestamp)) return { ok: false, status: 401, message: 'X-Operon-Timestamp must be Unix time in seconds' };
  const skew = Math.abs(nowMs / 1000 - Number(timestamp));
  if (skew > WEBHOOK_TOLERANCE_SECONDS)
    return {
      ok: false,
      status: 401,
      message: `the timestamp is ${Math.round(skew)} seconds from the server's clock (at most ${WEBHOOK_TOLERANCE_SECONDS} are allowed): sign with the current time`,
    };
  const expected = Buffer.from(signWebhook(secret, timestamp, raw));
  const offered = Buffer.from(signature.trim().toLowerCase());
  if (offered.length !== expected.length || !timingSafeEqual(offered, expected))
    return { ok: false, status: 401, message: 'the signature does not match the body and timestamp' };
  const seen = replays.remember(expected.toString(), (Number(timestamp) + WEBHOOK_TOLERANCE_SECONDS) * 1000, nowMs);
  if (seen === 'replay')
    return { ok: false, status: 401, message: 'this signature was already used: sign each request with a fresh timestamp' };
  if (seen === 'full')
    return { ok: false, status: 429, message: 'too many signed requests in the last minutes to check for replays: try again later' };
  return { ok: true };
}
