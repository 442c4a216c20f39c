import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer } from 'ws';
import { API_PATH, API_SUBPROTOCOL } from '../../src-shared/api/protocol.ts';
import { createApiHandlers, type ApiHandlerOptions, type ApiHandlers, type PrincipalRefresh } from '../host/api/api-handlers.ts';
import { watchLimits, type WatchLimitOptions } from '../host/api/watch-limits.ts';
import { allowedOrigins, checkUpgrade, isLoopbackHost } from './auth.ts';
import { apiWebSocketClass, CLOSE_CODES } from './close-reasons.ts';
import { describeBytes, serveLimits, type ServeLimitOptions } from './serve-limits.ts';
import { serveStatic } from './static-files.ts';
import { handleHealth } from './webhooks/health.ts';
import { sendError } from './webhooks/json-reply.ts';
import { isHookRequest } from './webhooks/webhook-handler.ts';
import { createWebhookRoutes, hostSecrets, type WebhookRoutes } from './webhooks/webhook-routes.ts';
import type { TriggerDispatcher, TriggerSource } from '../host/triggers/trigger-source.ts';
import type { Host } from '../host/host.ts';
import { serveApiConnection } from './ws-api.ts';
import type { Principal } from '../../src-shared/api/permissions.ts';
import { createAccessStore } from '../services/access/access-store.ts';

export interface ServerOptions {
  /** The interface to bind; default 127.0.0.1. Anything but loopback needs an explicit `token`. */
  host?: string;
  /** Default 0: any free port. */
  port?: number;
  /** The API token; default a random 32 bytes (hex). Required for a non-loopback host. */
  token?: string;
  dataDir: string;
  /** The built renderer (`out/renderer`); left out (`operon serve --no-ui`), only the API and the service's routes answer. */
  staticDir?: string;
  /** Run the trigger service (activation, firings, recovery): see ApiHandlerOptions.triggers. `operon serve` does. */
  triggers?: ApiHandlerOptions['triggers'];
  env?: NodeJS.ProcessEnv;
  /** Unexpected (non-Operon) errors while serving calls; default: written to stderr. */
  onUnexpected?: (error: unknown) => void;
  /** One line for each client the server closes or refuses (a protocol error, too far behind, too many); default: stderr. */
  log?: (line: string) => void;
  /** What each client is allowed: message size, unsent bytes, connections, calls at once (defaults: serve-limits.ts). */
  limits?: ServeLimitOptions;
  /** How far a connection may fall behind the runs it watches before it is told (defaults: watch-limits.ts); not with `handlers`. */
  watch?: WatchLimitOptions;
  /** Queue mode (`--queue`): runs go to the workers through this Redis (see ApiHandlerOptions.queue); not with `handlers`. */
  queue?: ApiHandlerOptions['queue'];
  /** For tests: the API to serve (default: createApiHandlers over `dataDir`). */
  handlers?: ApiHandlers;
  /** False for a headless service (`--no-ui`): no editor files (404), only the API, the webhooks and the health checks. */
  ui?: boolean;
  /** The webhooks served under `/hooks/` (createWebhookRoutes); without them every `/hooks/` path is a 404. */
  webhooks?: WebhookRoutes;
  /**
   * Whether everything behind the server has started (the trigger service and its sources), for `GET /readyz`; the
   * server adds its own part (listening, not stopping). Default: ready once listening.
   */
  ready?: () => boolean;
}

export interface RunningServer {
  /** `http://host:port` */
  origin: string;
  port: number;
  token: string;
  /** The page URL with the token, to open in a browser. */
  url: string;
  /** Stops accepting (webhooks answer 503, /readyz 503), closes every connection, cancels the runs still going (logs flushed) and closes the hosts. */
  close(): Promise<void>;
  /** Resolves once the trigger service has started (interrupted runs recovered, triggers listening). */
  ready: Promise<void>;
  /** Takes no more firings and waits up to `graceMs` for the runs going on; resolves with how many still go on (see ApiHandlers.stopTaking). */
  stopTaking(graceMs: number): Promise<number>;
}

/** Thrown for options the server refuses to start with (a public host without an explicit token). */
export class ServeConfigError extends Error {
  override name = 'ServeConfigError';
}

/**
 * `operon serve`: the built editor over HTTP and the API over a WebSocket at `/api`, on one port.
 * The WebSocket upgrade needs the token and, from a browser, this server's own origin.
 */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1';
  if (!isLoopbackHost(host) && (options.token === undefined || options.token === ''))
    throw new ServeConfigError(
      `binding ${host} makes Operon reachable from other machines: set OPERON_TOKEN (or --token) to a long random secret first`,
    );
  if (options.token !== undefined && options.token.length < 16) throw new ServeConfigError('the token must be at least 16 characters');
  const token = options.token ?? randomBytes(32).toString('hex');
  const limits = serveLimits(options.limits);
  const highWater = watchLimits(options.watch).highWaterBytes;
  if (highWater >= limits.maxBufferedBytes)
    throw new ServeConfigError(
      `the watches' high-water mark (${describeBytes(highWater)}) must be below maxBufferedBytes (${describeBytes(limits.maxBufferedBytes)}), or slow watchers are dropped instead of told to catch up`,
    );
  const log = options.log ?? ((line: string) => process.stderr.write(`operon serve: ${line}\n`));
  const onUnexpected = options.onUnexpected ?? ((error: unknown) => process.stderr.write(`operon serve: ${String(error)}\n`));
  // With the trigger service, the webhooks are one of its sources, made for its dispatcher and reading their secrets
  // through the workspace's host, as its runs do.
  let webhooks = options.webhooks;
  const given = options.triggers;
  const triggers =
    given === undefined
      ? undefined
      : {
          ...given,
          sources: (dispatcher: TriggerDispatcher): TriggerSource[] => {
            const others = typeof given.sources === 'function' ? given.sources(dispatcher) : (given.sources ?? []);
            webhooks ??= createWebhookRoutes({
              dispatcher,
              dataDir: options.dataDir,
              log,
              onUnexpected,
              ...(options.handlers?.host === undefined && options.handlers !== undefined
                ? {}
                : { secrets: hostSecrets((workspace) => hostOf(workspace), log) }),
            });
            return [...others, webhooks.source];
          },
        };
  const hostOf = (workspace: string): Promise<Host> =>
    handlers.host?.(workspace) ?? Promise.reject(new Error('these API handlers have no hosts'));
  const handlers: ApiHandlers =
    options.handlers ??
    createApiHandlers({
      dataDir: options.dataDir,
      env: options.env ?? process.env,
      onUnexpected,
      ...(options.watch === undefined ? {} : { watch: options.watch }),
      ...(triggers === undefined ? {} : { triggers }),
      ...(options.queue === undefined ? {} : { queue: options.queue }),
    });

  const { staticDir } = options;
  let listening = false;
  let closing: Promise<void> | undefined;
  const ready = (): boolean => listening && closing === undefined && (options.ready?.() ?? true);
  const server = createServer((request, response) => {
    if (handleHealth(request, response, ready)) return;
    if (webhooks?.handle(request, response) === true) return;
    if (isHookRequest(request.url)) return sendError(response, 404, 'OPR-245', 'no active webhook at this path');
    if (staticDir === undefined || options.ui === false) {
      response
        .writeHead(404, { 'content-type': 'text/plain; charset=utf-8' })
        .end('This Operon serves no editor (operon serve --no-ui): only its API, webhooks and health.\n');
      return;
    }
    serveStatic(request, response, staticDir).catch((error: unknown) => {
      onUnexpected(error);
      response.destroy();
    });
  });
  const sockets = new WebSocketServer({
    noServer: true,
    maxPayload: limits.maxPayloadBytes,
    WebSocket: apiWebSocketClass(limits),
    // One message a turn of the event loop: a client's burst of requests is read in turns with the other clients'.
    allowSynchronousEvents: false,
    // Browsers offer `operon` and `operon.<token>` and need one echoed; answering `operon` keeps the token out of the reply.
    handleProtocols: (protocols) => (protocols.has(API_SUBPROTOCOL) ? API_SUBPROTOCOL : ([...protocols][0] ?? false)),
  });
  sockets.on('connection', (socket: WebSocket, request: IncomingMessage, principal: Principal, refresh?: PrincipalRefresh) =>
    serveApiConnection(socket, {
      handlers,
      principal,
      ...(refresh === undefined ? {} : { refresh }),
      limits,
      log,
      onUnexpected,
      peer: `${request.socket.remoteAddress}:${request.socket.remotePort}`,
    }),
  );

  let origins = new Set<string>();
  const access = createAccessStore(options.dataDir);
  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    void upgrade(request, socket, head).catch((error: unknown) => {
      onUnexpected(error);
      refuse(socket, 503, 'the server could not check the token');
    });
  });
  const upgrade = async (request: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> => {
    const pathname = new URL(request.url ?? '/', 'http://localhost').pathname;
    if (pathname !== API_PATH) return refuse(socket, 404, 'not found');
    const check = await checkUpgrade(request, token, origins, (candidate) => access.principalFor(candidate));
    if (!check.ok) return refuse(socket, check.status, check.reason);
    if (sockets.clients.size >= limits.maxConnections) {
      log(`refused a connection from ${request.socket.remoteAddress}: ${limits.maxConnections} are open, the most allowed`);
      return refuse(
        socket,
        503,
        `too many connections: this server takes ${limits.maxConnections} at once (close another tab or client, or start it with --max-connections)`,
      );
    }
    sockets.handleUpgrade(request, socket, head, (ws) => sockets.emit('connection', ws, request, check.principal, check.refresh));
  };

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  origins = allowedOrigins(host, port);
  const origin = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  listening = true;

  return {
    origin,
    port,
    token,
    url: `${origin}/?token=${token}`,
    ready: handlers.ready ?? Promise.resolve(),
    stopTaking: (graceMs) => handlers.stopTaking?.(graceMs) ?? Promise.resolve(0),
    close() {
      closing ??= (async () => {
        webhooks?.stop();
        for (const client of sockets.clients) {
          // One already closing (a client dropped for not reading) would hold the shutdown until ws's close timeout.
          if (client.readyState === WebSocket.CLOSING) client.terminate();
          else client.close(CLOSE_CODES.goingAway, 'the server is shutting down');
        }
        await new Promise<void>((resolve) => sockets.close(() => resolve()));
        await handlers.close();
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
      })();
      return closing;
    },
  };
}

function refuse(socket: Duplex, status: number, reason: string): void {
  const text = { 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 503: 'Service Unavailable' }[status] ?? 'Error';
  socket.end(
    `HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: ${Buffer.byteLength(reason)}\r\n\r\n${reason}`,
  );
}
