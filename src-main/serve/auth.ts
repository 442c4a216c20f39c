import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { API_SUBPROTOCOL } from '../../src-shared/api/protocol.ts';
import { LOCAL_OWNER, type Principal } from '../../src-shared/api/permissions.ts';

const TOKEN_PROTOCOL_PREFIX = `${API_SUBPROTOCOL}.`;

export type UpgradeCheck =
  /** `refresh` reads a named user's principal again (roles changed, token revoked); absent for the server's own token. */
  { ok: true; principal: Principal; refresh?: () => Promise<Principal | undefined> } | { ok: false; status: 401 | 403; reason: string };

/** Finds the user an API token belongs to (access-store.ts), or undefined. */
export type TokenLookup = (token: string) => Promise<Principal | undefined>;

/** Whether a host name is the loopback interface (only this machine can reach it). */
export function isLoopbackHost(host: string): boolean {
  return host === '127.0.0.1' || host === '::1' || host === 'localhost' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/** The origins a page served by this server has: its own address, and the loopback aliases when bound to loopback. */
export function allowedOrigins(host: string, port: number): Set<string> {
  const hosts = isLoopbackHost(host) ? ['127.0.0.1', 'localhost', '[::1]'] : [host.includes(':') ? `[${host}]` : host];
  return new Set(hosts.map((name) => `http://${name}:${port}`));
}

/**
 * Checks a WebSocket upgrade: the token (query `?token=` or subprotocol `operon.<token>`, compared in constant time)
 * and the Origin. A browser always sends Origin, so a page from another site (cross-site WebSocket hijacking, or a
 * DNS-rebound name) is refused even before the token; a client with no Origin (the CLI, tests) needs the token only.
 */
export async function checkUpgrade(
  request: IncomingMessage,
  token: string,
  origins: ReadonlySet<string>,
  users?: TokenLookup,
): Promise<UpgradeCheck> {
  const origin = request.headers.origin;
  if (origin !== undefined && !origins.has(origin)) return { ok: false, status: 403, reason: `origin ${origin} is not allowed` };
  const offered = [queryToken(request.url), ...protocolTokens(request.headers['sec-websocket-protocol'])].filter(
    (candidate): candidate is string => candidate !== undefined,
  );
  // The server's own token is the one-person local setup: the owner of every workspace.
  if (offered.some((candidate) => sameToken(candidate, token))) return { ok: true, principal: LOCAL_OWNER };
  if (users === undefined) return { ok: false, status: 401, reason: 'a valid token is required' };
  for (const candidate of offered) {
    const principal = await users(candidate);
    if (principal !== undefined) return { ok: true, principal, refresh: () => users(candidate) };
  }
  return { ok: false, status: 401, reason: 'a valid token is required' };
}

function queryToken(url: string | undefined): string | undefined {
  if (url === undefined) return undefined;
  return new URL(url, 'http://localhost').searchParams.get('token') ?? undefined;
}

function protocolTokens(header: string | undefined): string[] {
  if (header === undefined) return [];
  return header
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part.startsWith(TOKEN_PROTOCOL_PREFIX))
    .map((part) => part.slice(TOKEN_PROTOCOL_PREFIX.length));
}

function sameToken(candidate: string, token: string): boolean {
  const a = Buffer.from(candidate);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}
