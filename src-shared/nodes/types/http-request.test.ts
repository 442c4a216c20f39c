import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OperonError } from '../../errors/operon-error.ts';
import { realClock, runTestNode, type TestContextOptions } from '../test-context.ts';
import { httpRequest } from './http-request.ts';

const SECRET = 'sk-test-0123456789-secret';
let server: Server;
let base: string;
const received: { method: string | undefined; url: string | undefined; headers: IncomingMessage['headers']; body: string }[] = [];

function handle(request: IncomingMessage, response: ServerResponse, body: string): void {
  received.push({ method: request.method, url: request.url, headers: request.headers, body });
  const url = new URL(request.url ?? '/', base);
  const send = (status: number, type: string, text: string): void => {
    response.writeHead(status, { 'content-type': type });
    response.end(text);
  };
  if (url.pathname === '/hang') return; // never answers
  if (url.pathname === '/json') return send(200, 'application/problem+json', JSON.stringify({ hello: url.searchParams.get('name') }));
  if (url.pathname === '/echo') return send(201, 'application/json', JSON.stringify({ type: request.headers['content-type'], body }));
  if (url.pathname === '/text') return send(200, 'text/plain', 'plain words');
  if (url.pathname === '/bad-json') return send(200, 'application/json', '{"oops":');
  if (url.pathname === '/status') return send(Number(url.searchParams.get('code')), 'text/plain', 'nope');
  send(404, 'text/plain', 'not found');
}

beforeAll(async () => {
  server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => handle(request, response, body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

async function failure(options: TestContextOptions): Promise<OperonError> {
  const error: unknown = await runTestNode(httpRequest, options).catch((e: unknown) => e);
  if (!(error instanceof OperonError)) throw new Error(`expected an OperonError, got ${String(error)}`);
  return error;
}

describe('core.http-request', () => {
  it('GETs JSON with templated query values and a secret header', async () => {
    const { outputs, logs } = await runTestNode(httpRequest, {
      config: { url: `${base}/json`, query: { name: '{{ who }}' }, headers: { authorization: 'Bearer {{ $secret("token") }}' } },
      inputs: { in: { who: 'Ada Lovelace' } },
      secrets: { token: SECRET },
    });
    expect(outputs.out).toMatchObject({
      status: 200,
      body: { hello: 'Ada Lovelace' },
      headers: { 'content-type': 'application/problem+json' },
    });
    expect(received.at(-1)?.headers.authorization).toBe(`Bearer ${SECRET}`);
    expect(logs).toHaveLength(1);
    expect(logs[0]?.message).toMatch(/^GET http:\/\/127\.0\.0\.1:\d+\/json\?name=Ada\+Lovelace 200 in \d+ ms$/);
    expect(JSON.stringify(logs)).not.toContain(SECRET);
  });

  it('sends changes with an Idempotency-Key: the same when the same request is sent again, another for another request or attempt', async () => {
    const post = async (options: { body?: unknown; attempt?: number; headers?: Record<string, string>; method?: string } = {}) => {
      await runTestNode(httpRequest, {
        config: {
          method: options.method ?? 'POST',
          url: `${base}/echo`,
          body: options.body ?? { order: 1 },
          headers: options.headers ?? {},
        },
        inputs: { in: {} },
        ...(options.attempt === undefined ? {} : { attempt: options.attempt }),
      });
      return received.at(-1)?.headers['idempotency-key'];
    };
    const first = await post();
    expect(first).toMatch(/^operon-[0-9a-f]{32}$/);
    // Sent again (a resumed run whose process died mid-call): the server can tell it already has it.
    expect(await post()).toBe(first);
    // Another item of a Map, another retry: other keys.
    expect(await post({ body: { order: 2 } })).not.toBe(first);
    expect(await post({ attempt: 2 })).not.toBe(first);
    // A key the workflow sets itself wins; reads carry none.
    expect(await post({ headers: { 'Idempotency-Key': 'mine-1' } })).toBe('mine-1');
    await runTestNode(httpRequest, { config: { url: `${base}/json` }, inputs: { in: {} } });
    expect(received.at(-1)?.headers['idempotency-key']).toBeUndefined();
  });

  it('POSTs a deeply templated JSON body', async () => {
    const { outputs } = await runTestNode(httpRequest, {
      config: {
        method: 'POST',
        url: `${base}/echo`,
        body: { user: '{{ name }}', tags: ['{{ tags }}', 'fixed'], n: 3, label: 'id-{{ id }}' },
      },
      inputs: { in: { name: 'ada', tags: ['x', 'y'], id: 7 } },
    });
    const out = outputs.out as { status: number; body: { type: string; body: string } };
    expect(out.status).toBe(201);
    expect(out.body.type).toBe('application/json');
    expect(JSON.parse(out.body.body)).toEqual({ user: 'ada', tags: [['x', 'y'], 'fixed'], n: 3, label: 'id-7' });
  });

  it('sends form bodies and reads text responses', async () => {
    const form = await runTestNode(httpRequest, {
      config: { method: 'PUT', url: `${base}/echo`, bodyType: 'form', body: { a: '1 2', b: '{{ $ }}' } },
      inputs: { in: 'x&y' },
    });
    expect((form.outputs.out as { body: { body: string } }).body.body).toBe('a=1+2&b=x%26y');
    const text = await runTestNode(httpRequest, { config: { url: `${base}/text` } });
    expect((text.outputs.out as { body: unknown }).body).toBe('plain words');
  });

  it('fails retryably on a 5xx and 429, naming status and URL without header values', async () => {
    for (const code of [500, 429]) {
      const error = await failure({ config: { url: `${base}/status?code=${code}`, headers: { 'x-api-key': SECRET } } });
      expect(error.code).toBe('OPR-108');
      expect(error.retryable).toBe(true);
      expect(error.details).toMatchObject({ status: code, url: `${base}/status?code=${code}` });
      expect(JSON.stringify(error.toInfo())).not.toContain(SECRET);
    }
  });

  it('fails without retry on a 404, unless failOnStatus is off', async () => {
    const error = await failure({ config: { url: `${base}/missing` } });
    expect(error.retryable).toBe(false);
    expect(error.details?.status).toBe(404);
    const { outputs } = await runTestNode(httpRequest, { config: { url: `${base}/missing`, failOnStatus: false } });
    expect(outputs.out).toMatchObject({ status: 404, body: 'not found' });
  });

  it('reports a body that is not valid JSON', async () => {
    const error = await failure({ config: { url: `${base}/bad-json` } });
    expect(error.code).toBe('OPR-108');
    expect(error.message).toContain('is not valid JSON');
    expect(error.retryable).toBe(false);
  });

  it('times out a server that never answers, retryably', async () => {
    // /hang never answers: failing at all, naming the timeout, is the timeout's doing (no wall-clock bound to race).
    const error = await failure({ config: { url: `${base}/hang`, timeoutMs: 150 } });
    expect(error.message).toContain('timed out after 150 ms');
    expect(error.retryable).toBe(true);
  });

  it("runs its timeout on the context's clock", async () => {
    const fastClock = { ...realClock, setTimer: (_ms: number, callback: () => void) => realClock.setTimer(10, callback) };
    const error = await failure({ config: { url: `${base}/hang`, timeoutMs: 600_000 }, clock: fastClock });
    expect(error.message).toContain('timed out after 600000 ms');
  });

  it('passes a cancellation through as the signal reason', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('run cancelled')), 50);
    await expect(runTestNode(httpRequest, { config: { url: `${base}/hang` }, signal: controller.signal })).rejects.toThrow('run cancelled');
  });

  it('fails retryably when nothing listens', async () => {
    const error = await failure({ config: { url: 'http://127.0.0.1:1/' } });
    expect(error.retryable).toBe(true);
    expect(error.message).toContain('could not connect');
  });

  it('moves URL credentials into a Basic header and out of logs', async () => {
    const { logs } = await runTestNode(httpRequest, { config: { url: base.replace('//', `//user:${SECRET}@`) + '/text' } });
    expect(received.at(-1)?.headers.authorization).toBe(`Basic ${btoa(`user:${SECRET}`)}`);
    expect(JSON.stringify(logs)).not.toContain(SECRET);
    expect(logs[0]?.data?.url).toBe(`${base}/text`);
  });

  it('accepts only absolute http(s) URLs', async () => {
    expect((await failure({ config: { url: 'file:///etc/passwd' } })).message).toContain('only http and https');
    expect((await failure({ config: { url: '{{ path }}' }, inputs: { in: { path: '/relative' } } })).message).toContain(
      'not a valid absolute URL',
    );
  });

  it('checks the URL and templates statically', () => {
    const helpers = { hasNodeType: () => true, checkInnerNode: () => [] };
    const problems = httpRequest.check(httpRequest.config.parse({ url: 'https://x/{{ a', headers: { h: '{{ ( }}' }, body: 'b' }), helpers);
    expect(problems.map((p) => p.path)).toEqual(['url', 'headers.h', 'body']);
  });
});
