import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { handleHealth } from './webhooks/health.ts';

/** A process's `/healthz` and `/readyz` on their own port (an `operon worker`'s: it serves nothing else). */
export interface HealthServer {
  /** `http://host:port` */
  origin: string;
  close(): Promise<void>;
}

/** Listens on `host:port` (0: any free port); every path but the two answers 404. */
export async function startHealthServer(host: string, port: number, ready: () => boolean): Promise<HealthServer> {
  const server = createServer((request, response) => {
    if (!handleHealth(request, response, ready)) response.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  const address = server.address() as AddressInfo;
  const shown = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    origin: `http://${shown}:${address.port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
