import { describe, expect, it } from 'vitest';
import { RUN_ID_HEADER } from './json-reply.ts';
import { errorOf, hookWorkflow, SECRET, serveHooks } from './testing/hook-server.ts';
import { signWebhook } from './webhook-auth.ts';
import { hostSecrets } from './webhook-routes.ts';

// Webhooks over loopback: a real server, real HTTP requests, runs started on a real host and counted in its runs folder.

const json = (body: unknown, headers: Record<string, string> = {}): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', ...headers },
  body: JSON.stringify(body),
});

describe('webhooks: who may call them', () => {
  it('takes the token in X-Operon-Token or Authorization: Bearer, and starts one run each with the payload', async () => {
    const hooks = await serveHooks();
    await hooks.listen(hookWorkflow('orders'));
    const first = await fetch(hooks.url('orders', 'orders', 'source=shop&tag=a&tag=b'), json({ order: 7 }, { 'x-operon-token': SECRET }));
    expect(first.status).toBe(202);
    const answer = (await first.json()) as { runId: string; firingId: string };
    expect(answer).toEqual({ runId: expect.stringMatching(/^\d{8}-\d{6}-/), firingId: 'f1' });
    expect(first.headers.get(RUN_ID_HEADER)).toBe(answer.runId);
    const second = await fetch(hooks.url('orders', 'orders'), json({ order: 8 }, { authorization: `Bearer ${SECRET}` }));
    expect(second.status).toBe(202);

    expect(hooks.dispatcher.fired.map((fired) => fired.payload)).toMatchObject([
      { method: 'POST', path: 'orders', query: { source: 'shop', tag: ['a', 'b'] }, body: { order: 7 }, contentType: 'application/json' },
      { method: 'POST', path: 'orders', query: {}, body: { order: 8 } },
    ]);
    for (const fired of hooks.dispatcher.fired) {
      expect(fired).toMatchObject({ workspace: 'ws', workflowId: 'orders', nodeId: 'hook', kind: 'webhook' });
      // What authenticated the caller is never in a payload.
      expect(Object.keys(fired.payload.headers as object)).not.toContain('x-operon-token');
      expect(Object.keys(fired.payload.headers as object)).not.toContain('authorization');
      expect(JSON.stringify(fired.payload)).not.toContain(SECRET);
    }
    await hooks.host.syncLogs();
    const runs = await hooks.runs();
    expect(runs.map((run) => 'runId' in run && run.runId).sort()).toEqual([answer.runId, second.headers.get(RUN_ID_HEADER)].sort());
  });

  it('takes a fresh HMAC signature of the timestamp and raw body, once', async () => {
    const hooks = await serveHooks();
    await hooks.listen(hookWorkflow('signed', { auth: 'hmac' }));
    const body = JSON.stringify({ order: 9 });
    const timestamp = String(Math.floor(Date.now() / 1000));
    const headers = {
      'content-type': 'application/json',
      'x-operon-timestamp': timestamp,
      'x-operon-signature': signWebhook(SECRET, timestamp, body),
    };
    const signed = await fetch(hooks.url('signed', 'orders'), { method: 'POST', headers, body });
    expect(signed.status).toBe(202);
    expect(hooks.dispatcher.fired[0]?.payload).toMatchObject({ body: { order: 9 }, headers: { 'x-operon-timestamp': timestamp } });
    expect(Object.keys(hooks.dispatcher.fired[0]?.payload.headers as object)).not.toContain('x-operon-signature');

    // The same request again, within the tolerance: a replay.
    const replayed = await fetch(hooks.url('signed', 'orders'), { method: 'POST', headers, body });
    expect(replayed.status).toBe(401);
    expect(await errorOf(replayed)).toEqual({ code: 'OPR-246', message: expect.stringContaining('already used') });
    expect(hooks.dispatcher.fired).toHaveLength(1);
  });

  it('refuses a wrong or missing token, a bad signature and a stale timestamp with 401, and starts no run', async () => {
    const hooks = await serveHooks();
    await hooks.listen(hookWorkflow('token'));
    await hooks.listen(hookWorkflow('signed', { auth: 'hmac' }));
    const body = JSON.stringify({ order: 1 });
    const now = Math.floor(Date.now() / 1000);
    const stale = String(now - 301);
    const refusals = [
      await fetch(hooks.url('token', 'orders'), json({ order: 1 }, { 'x-operon-token': `${SECRET}x` })),
      await fetch(hooks.url('token', 'orders'), json({ order: 1 }, { authorization: 'Bearer nope' })),
      await fetch(hooks.url('token', 'orders'), json({ order: 1 })),
      await fetch(hooks.url('signed', 'orders'), {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-operon-timestamp': String(now),
          'x-operon-signature': signWebhook(SECRET, String(now), '{"order":2}'),
        },
        body,
      }),
      await fetch(hooks.url('signed', 'orders'), {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-operon-timestamp': stale,
          'x-operon-signature': signWebhook(SECRET, stale, body),
        },
        body,
      }),
      await fetch(hooks.url('signed', 'orders'), json({ order: 1 }, { 'x-operon-token': SECRET })),
    ];
    expect(refusals.map((response) => response.status)).toEqual([401, 401, 401, 401, 401, 401]);
    const messages = await Promise.all(refusals.map(errorOf));
    expect(messages.map((error) => error.code)).toEqual(Array(6).fill('OPR-246'));
    expect(messages.map((error) => error.message)).toEqual([
      'the token is not right',
      'the token is not right',
      expect.stringContaining('send the token'),
      'the signature does not match the body and timestamp',
      expect.stringMatching(/^the timestamp is 30[12] seconds from the server's clock \(at most 300/),
      expect.stringContaining('send X-Operon-Timestamp'),
    ]);
    expect(hooks.dispatcher.fired).toEqual([]);
    expect(await hooks.runs()).toEqual([]);
  });

  it('answers 503 "not configured" when the secret is not set, and tells the operator which one', async () => {
    const hooks = await serveHooks({ env: {} });
    await hooks.listen(hookWorkflow('orders'));
    const response = await fetch(hooks.url('orders', 'orders'), json({}, { 'x-operon-token': 'anything-at-all' }));
    expect(response.status).toBe(503);
    expect(await errorOf(response)).toEqual({ code: 'OPR-248', message: 'this webhook is not configured' });
    const again = await fetch(hooks.url('orders', 'orders'), json({}, { 'x-operon-token': 'anything-at-all' }));
    expect(again.status).toBe(503);
    // Told once, however often callers retry.
    expect(hooks.logs).toEqual([
      expect.stringContaining(
        'its secret HOOK_TOKEN is not set (set OPERON_SECRET_HOOK_TOKEN where the server runs, or store it with operon secrets set HOOK_TOKEN)',
      ),
    ]);
    expect(await hooks.runs()).toEqual([]);
  });

  it("reads a host that cannot start as a secret not set, and says why in the operator's log", async () => {
    const logs: string[] = [];
    const secrets = hostSecrets(
      () => Promise.reject(new Error('providers.json is not valid JSON')),
      (line) => logs.push(line),
    );
    expect(await secrets.get('ws', 'HOOK_TOKEN')).toBeUndefined();
    expect(logs).toEqual(['the webhooks of workspace ws cannot read secrets: providers.json is not valid JSON']);
  });
});
