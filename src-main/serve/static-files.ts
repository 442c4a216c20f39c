import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
  '.map': 'application/json; charset=utf-8',
};

/** Headers on every answer: no sniffing, no framing, and no Referer (the page URL carries the token). */
/**
 * The editor's Content-Security-Policy: its own scripts, styles and connections only, nothing remote, no plugins, no
 * framing. `src-renderer/index.html` carries the same policy as a meta tag (for the desktop window, which loads the
 * file); a header can also say what a meta tag cannot (frame-ancestors). A test keeps the two in step.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

export const SECURITY_HEADERS = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
} as const;

const MISSING_BUILD = `<!doctype html>
<meta charset="utf-8"><title>Operon</title>
<h1>The editor is not built</h1>
<p>Run <code>npm run build</code> (or <code>npm run serve</code>, which builds first), then reload this page.</p>
`;

/**
 * Serves the built renderer from `staticDir` (GET and HEAD only). A path that leaves the folder once decoded and
 * resolved (`..`, encoded slashes, backslashes, NUL) is refused; a missing build answers a page saying how to make it.
 */
export async function serveStatic(request: IncomingMessage, response: ServerResponse, staticDir: string): Promise<void> {
  if (request.method !== 'GET' && request.method !== 'HEAD') return send(response, 405, 'method not allowed\n', { Allow: 'GET, HEAD' });
  const root = path.resolve(staticDir);
  const index = path.join(root, 'index.html');
  if (!(await isFile(index))) return send(response, 200, MISSING_BUILD, { 'Content-Type': TYPES['.html'] ?? 'text/html' });

  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
  } catch {
    return send(response, 400, 'bad path\n');
  }
  if (pathname.includes('\0') || pathname.includes('\\')) return send(response, 400, 'bad path\n');
  const file = path.resolve(root, `.${pathname}`);
  if (file !== root && !file.startsWith(root + path.sep)) return send(response, 403, 'forbidden\n');
  const target = pathname.endsWith('/') ? path.join(file, 'index.html') : file;
  if (!(await isFile(target))) return send(response, 404, 'not found\n');

  const type = TYPES[path.extname(target).toLowerCase()] ?? 'application/octet-stream';
  response.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': type, 'Cache-Control': 'no-cache' });
  if (request.method === 'HEAD') {
    response.end();
    return;
  }
  await new Promise<void>((resolve) => {
    const stream = createReadStream(target);
    stream.on('error', () => {
      response.destroy();
      resolve();
    });
    stream.on('end', resolve);
    stream.pipe(response);
  });
}

function send(response: ServerResponse, status: number, body: string, headers: Record<string, string> = {}): void {
  response.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8', ...headers });
  response.end(body);
}

async function isFile(file: string): Promise<boolean> {
  return stat(file).then(
    (info) => info.isFile(),
    () => false,
  );
}
