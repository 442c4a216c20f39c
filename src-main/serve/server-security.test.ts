import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../services/test-support.ts';
import { rawCall, upgradeStatus } from './testing/connect.ts';
import { ServeConfigError, startServer, type RunningServer } from './server.ts';
import { CONTENT_SECURITY_POLICY } from './static-files.ts';

let server: RunningServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function start(staticDir?: string): Promise<RunningServer> {
  const dataDir = await tempDir();
  server = await startServer({ dataDir, staticDir: staticDir ?? path.join(dataDir, 'no-build'), env: {}, token: 'x'.repeat(64) });
  return server;
}

/** A raw GET with the path sent as is (no client-side normalisation of `..`). */
function get(port: number, rawPath: string): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: rawPath, method: 'GET' }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body, headers: response.headers }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('operon serve: the WebSocket upgrade', () => {
  it('needs the token: none or a wrong one is 401; query or subprotocol token is accepted', async () => {
    const { port, token } = await start();
    const api = `ws://127.0.0.1:${port}/api`;
    expect((await upgradeStatus(api)).status).toBe(401);
    expect((await upgradeStatus(`${api}?token=${'y'.repeat(64)}`)).status).toBe(401);
    expect((await upgradeStatus(api, { protocols: ['operon', `operon.${token.slice(1)}`] })).status).toBe(401);
    const byQuery = await upgradeStatus(`${api}?token=${token}`);
    expect(byQuery.status).toBe(101);
    byQuery.socket?.close();
    const byProtocol = await upgradeStatus(api, { protocols: ['operon', `operon.${token}`] });
    expect(byProtocol.status).toBe(101);
    expect(byProtocol.socket?.protocol).toBe('operon');
    byProtocol.socket?.close();
    expect((await upgradeStatus(`ws://127.0.0.1:${port}/other?token=${token}`)).status).toBe(404);
  });

  it("refuses another site's Origin even with the token, and accepts its own", async () => {
    const { port, token } = await start();
    const api = `ws://127.0.0.1:${port}/api?token=${token}`;
    expect((await upgradeStatus(api, { origin: 'https://evil.example' })).status).toBe(403);
    expect((await upgradeStatus(api, { origin: `http://evil.example:${port}` })).status).toBe(403);
    const own = await upgradeStatus(api, { origin: `http://localhost:${port}` });
    expect(own.status).toBe(101);
    own.socket?.close();
  });

  it('answers a malformed message with an error naming the problem and keeps the connection usable', async () => {
    const { port, token } = await start();
    const { socket } = await upgradeStatus(`ws://127.0.0.1:${port}/api?token=${token}`);
    if (socket === undefined) throw new Error('not connected');
    expect(await rawCall(socket, 'not json')).toMatchObject({ id: null, ok: false, error: { code: 'OPR-160', message: /not JSON/ } });
    expect(await rawCall(socket, JSON.stringify({ id: 1, input: {} }))).toMatchObject({
      id: 1,
      ok: false,
      error: { problems: [{ path: 'message.call' }] },
    });
    expect(await rawCall(socket, JSON.stringify({ id: 2, call: 'workflows.nope' }))).toMatchObject({
      id: 2,
      ok: false,
      error: { message: 'unknown call "workflows.nope"' },
    });
    const badId = await rawCall(socket, JSON.stringify({ id: 3, call: 'workflows.open', input: { id: '../../etc/passwd' } }));
    expect(badId).toMatchObject({ id: 3, ok: false, error: { code: 'OPR-160', problems: [{ path: 'input.id' }] } });
    const badSave = await rawCall(socket, JSON.stringify({ id: 4, call: 'workflows.save', input: { workflow: { id: 'x' } } }));
    expect(badSave).toMatchObject({ id: 4, ok: false, error: { message: /input.workflow.schemaVersion/ } });
    expect(await rawCall(socket, JSON.stringify({ id: 5, call: 'workspaces.list' }))).toEqual({
      id: 5,
      ok: true,
      output: { workspaces: [{ id: 'default' }] },
    });
    socket.close();
  });
});

describe('operon serve: static files', () => {
  it('serves the build, refuses traversal, and says how to build when there is none', async () => {
    const root = await tempDir();
    const staticDir = path.join(root, 'renderer');
    await mkdir(path.join(staticDir, 'assets'), { recursive: true });
    await writeFile(path.join(staticDir, 'index.html'), '<h1>editor</h1>');
    await writeFile(path.join(staticDir, 'assets', 'app.js'), 'console.log(1)');
    await writeFile(path.join(root, 'secret.txt'), 'secret');
    const { port } = await start(staticDir);

    const index = await get(port, '/?token=abc');
    expect(index).toMatchObject({ status: 200, body: '<h1>editor</h1>' });
    expect(index.headers['referrer-policy']).toBe('no-referrer');
    expect(index.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(index.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(await get(port, '/assets/app.js')).toMatchObject({ status: 200, body: 'console.log(1)' });
    expect((await get(port, '/assets/app.js')).headers['content-type']).toMatch(/javascript/);
    expect((await get(port, '/nope.js')).status).toBe(404);
    for (const attack of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt', '/..%5csecret.txt', '/%00']) {
      const answer = await get(port, attack);
      expect([400, 403, 404], attack).toContain(answer.status);
      expect(answer.body).not.toContain('secret');
    }
    await server?.close();
    server = undefined;

    const bare = await start();
    const missing = await get(bare.port, '/');
    expect(missing.status).toBe(200);
    expect(missing.body).toContain('npm run build');
  });
});

describe('the Content-Security-Policy', () => {
  it('index.html carries the served policy, less what only a header can say', async () => {
    const html = await readFile(path.join(import.meta.dirname, '../../src-renderer/index.html'), 'utf8');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
    const headerOnly = new Set(['frame-ancestors']);
    const served = CONTENT_SECURITY_POLICY.split('; ').filter((directive) => !headerOnly.has(directive.split(' ')[0] ?? ''));
    expect(meta?.split('; ')).toEqual(served);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|\*/);
  });
});

describe('operon serve: options', () => {
  it('refuses a non-loopback host without an explicit token, and a short token', async () => {
    const dataDir = await tempDir();
    await expect(startServer({ host: '0.0.0.0', dataDir, staticDir: dataDir })).rejects.toThrow(ServeConfigError);
    await expect(startServer({ host: '0.0.0.0', dataDir, staticDir: dataDir })).rejects.toThrow(/OPERON_TOKEN/);
    await expect(startServer({ dataDir, staticDir: dataDir, token: 'short' })).rejects.toThrow(/at least 16/);
  });

  it('prints a URL with a random 64-hex-digit token by default', async () => {
    const dataDir = await tempDir();
    server = await startServer({ dataDir, staticDir: dataDir, env: {} });
    expect(server.token).toMatch(/^[0-9a-f]{64}$/);
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/?token=${server.token}`);
  });
});
