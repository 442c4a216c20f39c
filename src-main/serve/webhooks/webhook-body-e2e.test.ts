import { request as httpRequest } from 'node:http';
import { describe, expect, it } from 'vitest';
import { errorOf, hookWorkflow, SECRET, serveHooks } from './testing/hook-server.ts';

const AUTH = { 'x-operon-token': SECRET };
const post = (body: string | Buffer, contentType: string): RequestInit => ({
  method: 'POST',
  headers: { ...AUTH, 'content-type': contentType },
  body,
});

/** Sends a body in chunks without a Content-Length (chunked), and resolves with the answer's status and text. */
function postChunked(url: string, chunk: Buffer, chunks: number): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: 'POST', headers: { ...AUTH, 'content-type': 'text/plain' } }, (res) => {
      let text = '';
      res.setEncoding('utf8').on('data', (part: string) => (text += part));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    // The server answers and closes once the body passes its limit: writing after that may fail, which is the point.
    req.on('error', reject);
    let sent = 0;
    const write = (): void => {
      while (sent < chunks) {
        sent++;
        if (!req.write(chunk)) return void req.once('drain', write);
      }
      req.end();
    };
    write();
  });
}

describe('webhooks: what they take', () => {
  it('passes JSON, form fields, text and octet-stream bodies as the payload says', async () => {
    const hooks = await serveHooks();
    await hooks.listen(hookWorkflow('orders'));
    const url = hooks.url('orders', 'orders');
    const sent = [
      await fetch(url, post('{"order":{"id":3}}', 'application/json; charset=utf-8')),
      await fetch(url, post('name=Ada&tag=x&tag=y&__proto__=p', 'application/x-www-form-urlencoded')),
      await fetch(url, post('line one\nline two', 'text/csv')),
      await fetch(url, post(Buffer.from([0, 1, 2, 255]), 'application/octet-stream')),
    ];
    expect(sent.map((response) => response.status)).toEqual([202, 202, 202, 202]);
    const payloads = hooks.dispatcher.fired.map((fired) => fired.payload);
    expect(payloads.map((payload) => payload.contentType)).toEqual([
      'application/json',
      'application/x-www-form-urlencoded',
      'text/csv',
      'application/octet-stream',
    ]);
    expect(payloads[0]?.body).toEqual({ order: { id: 3 } });
    expect(JSON.parse(JSON.stringify(payloads[1]?.body))).toEqual({ name: 'Ada', tag: ['x', 'y'], ['__proto__']: 'p' });
    expect(payloads[2]?.body).toBe('line one\nline two');
    expect(payloads[3]?.body).toEqual({ base64: 'AAEC/w==', bytes: 4, note: 'the raw body, base64-encoded' });
  });

  it('refuses a body over maxBodyBytes with 413, declared or while reading, and keeps serving', async () => {
    const hooks = await serveHooks();
    await hooks.listen(hookWorkflow('orders', { maxBodyBytes: 1024 }));
    const url = hooks.url('orders', 'orders');
    const declared = await fetch(url, post('x'.repeat(1025), 'text/plain'));
    expect(declared.status).toBe(413);
    expect(await errorOf(declared)).toEqual({ code: 'OPR-247', message: 'the body is larger than this webhook takes (1024 bytes)' });
    // 64 MiB in 64 KiB chunks with no length: refused once past 1 KiB, without reading (or holding) the rest.
    const streamed = await postChunked(url, Buffer.alloc(64 * 1024, 'y'), 1024);
    expect(streamed.status).toBe(413);
    expect(JSON.parse(streamed.text)).toMatchObject({ error: { code: 'OPR-247' } });
    const fits = await fetch(url, post('x'.repeat(1024), 'text/plain'));
    expect(fits.status).toBe(202);
    expect(hooks.dispatcher.fired).toHaveLength(1);
  });

  it('refuses malformed or too deep JSON with 400 and another content type with 415, and starts no run', async () => {
    const hooks = await serveHooks();
    await hooks.listen(hookWorkflow('orders'));
    const url = hooks.url('orders', 'orders');
    const malformed = await fetch(url, post('{"order": 1,}', 'application/json'));
    expect(malformed.status).toBe(400);
    expect(await errorOf(malformed)).toEqual({
      code: 'OPR-247',
      message: expect.stringMatching(/^the body is not valid JSON: .*position 12/),
    });
    const deep = await fetch(url, post(`${'['.repeat(200)}${']'.repeat(200)}`, 'application/json'));
    expect(deep.status).toBe(400);
    expect((await errorOf(deep)).message).toMatch(/^the body is nested deeper than 128 levels \(the limit\) at body\[0\]/);
    const xml = await fetch(url, post('<order/>', 'application/xml'));
    expect(xml.status).toBe(415);
    expect(await errorOf(xml)).toEqual({
      code: 'OPR-247',
      message: 'a webhook takes application/json, application/x-www-form-urlencoded, text/*, application/octet-stream, not application/xml',
    });
    expect(hooks.dispatcher.fired).toEqual([]);
    expect(await hooks.runs()).toEqual([]);
  });

  it('answers 404 for a path with no active hook, 405 with Allow for another method, 429 when the queue is full', async () => {
    const hooks = await serveHooks();
    await hooks.listen(hookWorkflow('orders'));
    const unknown = await fetch(hooks.url('orders', 'other'), post('{}', 'application/json'));
    expect(unknown.status).toBe(404);
    expect(await errorOf(unknown)).toEqual({ code: 'OPR-245', message: 'no active webhook at this path' });
    // A workflow that does not exist reads the same as a path that does not.
    const noWorkflow = await fetch(hooks.url('nope', 'orders'), post('{}', 'application/json'));
    expect([noWorkflow.status, await errorOf(noWorkflow)]).toEqual([404, { code: 'OPR-245', message: 'no active webhook at this path' }]);
    const get = await fetch(hooks.url('orders', 'orders'), { headers: AUTH });
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST');
    expect(await errorOf(get)).toEqual({ code: 'OPR-245', message: 'this webhook takes POST' });
    // Deactivated: the hook is gone.
    await hooks.routes.source.listen('ws', 'orders', []);
    expect((await fetch(hooks.url('orders', 'orders'), post('{}', 'application/json'))).status).toBe(404);
    expect(await hooks.runs()).toEqual([]);

    const full = await serveHooks({ queueFull: true });
    await full.listen(hookWorkflow('orders'));
    const refused = await fetch(full.url('orders', 'orders'), post('{}', 'application/json'));
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('1');
    expect(await errorOf(refused)).toEqual({ code: 'OPR-249', message: 'the queue of orders is full (100 firings wait)' });
    expect(full.dispatcher.fired).toHaveLength(1);
    expect(await full.runs()).toEqual([]);
  });
});
