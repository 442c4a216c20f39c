import { API_PATH, API_SUBPROTOCOL } from '../../src-shared/api/protocol.ts';
import { createSocketTransport, type ConnectionStatus, type SocketTransport } from '../../src-shared/api/socket-transport.ts';

const TOKEN_KEY = 'operon.token';

/**
 * The API token: from the page URL (`?token=`, as `operon serve` prints it), then kept in this tab's session storage
 * and removed from the address bar so it does not end up in history, bookmarks or screenshots.
 */
export function readPageToken(): string | undefined {
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl !== null && fromUrl !== '') {
    window.sessionStorage.setItem(TOKEN_KEY, fromUrl);
    url.searchParams.delete('token');
    window.history.replaceState(window.history.state, '', url.toString());
    return fromUrl;
  }
  return window.sessionStorage.getItem(TOKEN_KEY) ?? undefined;
}

/**
 * The browser transport for `operon serve`: a WebSocket to `/api` on the page's own origin, the token sent as the
 * subprotocol `operon.<token>` (not in the URL, so it stays out of server logs). Reconnects with backoff; requests
 * pending when the connection drops are rejected with a clear error.
 */
export function createWsTransport(options: { token?: string; onStatus?: (status: ConnectionStatus) => void } = {}): SocketTransport {
  const token = options.token ?? readPageToken();
  const url = new URL(API_PATH, window.location.href);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  url.search = '';
  const protocols = token === undefined ? [API_SUBPROTOCOL] : [API_SUBPROTOCOL, `${API_SUBPROTOCOL}.${token}`];
  return createSocketTransport({
    connect: () => new WebSocket(url, protocols),
    ...(options.onStatus === undefined ? {} : { onStatus: options.onStatus }),
  });
}
