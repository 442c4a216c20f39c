import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { buildWorkflow } from '../../../src-shared/engine/testing/build-workflow.ts';
import { createBuiltinRegistry } from '../../../src-shared/nodes/builtin.ts';
import { startGate } from '../../services/testing/gate.ts';
import { RUN_ID_HEADER } from './json-reply.ts';
import { errorOf, hookWorkflow, SECRET, SECRET_NAME, serveHooks } from './testing/hook-server.ts';

const registry = createBuiltinRegistry();
const call = (body: unknown): RequestInit => ({
  method: 'POST',
  headers: { 'x-operon-token': SECRET, 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

describe('webhooks: answering with the run', () => {
  it('with whenDone, answers 200 with the named output, or every output by name', async () => {
    const hooks = await serveHooks();
    await hooks.listen(hookWorkflow('named', { respond: 'whenDone', responseOutput: 'result' }, '{ "total": body.a + body.b }'));
    await hooks.listen(hookWorkflow('all', { respond: 'whenDone' }, 'body.a * body.b'));
    const named = await fetch(hooks.url('named', 'orders'), call({ a: 2, b: 3 }));
    expect(named.status).toBe(200);
    expect(await named.json()).toEqual({ total: 5 });
    const runId = named.headers.get(RUN_ID_HEADER);
    await hooks.host.syncLogs();
    expect((await hooks.runs()).find((run) => 'runId' in run && run.runId === runId)).toMatchObject({ status: 'succeeded' });
    const all = await fetch(hooks.url('all', 'orders'), call({ a: 2, b: 3 }));
    expect([all.status, await all.json()]).toEqual([200, { result: 6 }]);
  });

  it('answers 500 with the code and the redacted message of a failed run, or of a missing output', async () => {
    const hooks = await serveHooks();
    await hooks.listen(hookWorkflow('fails', { respond: 'whenDone' }, '$error("cannot take " & body.note)'));
    await hooks.listen(hookWorkflow('misnamed', { respond: 'whenDone', responseOutput: 'answer' }));
    const failed = await fetch(hooks.url('fails', 'orders'), call({ note: `key ${SECRET}` }));
    expect(failed.status).toBe(500);
    expect(failed.headers.get(RUN_ID_HEADER)).toMatch(/^\d{8}-/);
    const error = await errorOf(failed);
    expect(error.code).toMatch(/^OPR-\d{3}$/);
    expect(error.message).toContain(`cannot take key [secret:${SECRET_NAME}]`);
    expect(error.message).not.toContain(SECRET);
    const misnamed = await fetch(hooks.url('misnamed', 'orders'), call({}));
    expect([misnamed.status, await errorOf(misnamed)]).toEqual([
      500,
      {
        code: 'OPR-248',
        message: `the run finished without an Output named "answer" (the webhook's responseOutput); it has one output: "result"`,
      },
    ]);
  });

  it('answers 202 with the run id when the run outlasts responseTimeoutMs, and the run goes on', async () => {
    const gate = await startGate({ done: true });
    onTestFinished(() => gate.close());
    const hooks = await serveHooks();
    const workflow = buildWorkflow(
      registry,
      [
        {
          id: 'hook',
          type: 'core.webhook-trigger',
          config: { path: 'slow', secret: SECRET_NAME, respond: 'whenDone', responseTimeoutMs: 200 },
        },
        { id: 'wait', type: 'core.http-request', config: { method: 'GET', url: `${gate.url}/held`, timeoutMs: 600_000 } },
        { id: 'result', type: 'core.output', config: { name: 'result' } },
      ],
      ['hook.out -> wait.in', 'wait.out -> result.in'],
      {},
      { id: 'slow', name: 'slow' },
    );
    await hooks.listen(workflow);
    const response = await fetch(hooks.url('slow', 'slow'), call({}));
    expect(response.status).toBe(202);
    const answer = (await response.json()) as { runId: string };
    expect(answer).toEqual({ runId: expect.any(String), firingId: 'f1', running: true });
    expect(response.headers.get(RUN_ID_HEADER)).toBe(answer.runId);
    await gate.requested(1); // held at the gate all along
    expect(gate.requests).toBe(1);
    gate.open();
    await hooks.dispatcher.settled();
    await hooks.host.syncLogs();
    expect((await hooks.runs()).find((run) => 'runId' in run && run.runId === answer.runId)).toMatchObject({ status: 'succeeded' });
  });

  it('lists each hook with its path, and refuses a second hook on the same method and path', async () => {
    const hooks = await serveHooks();
    const workflow = buildWorkflow(
      registry,
      [
        { id: 'first', type: 'core.webhook-trigger', config: { path: 'in', secret: SECRET_NAME } },
        { id: 'second', type: 'core.webhook-trigger', config: { path: 'in', secret: SECRET_NAME } },
        { id: 'third', type: 'core.webhook-trigger', config: { path: 'in', method: 'GET', secret: SECRET_NAME } },
      ],
      [],
      {},
      { id: 'two', name: 'two' },
    );
    await hooks.listen(workflow);
    expect(hooks.routes.source.status('ws', 'two', 'first')).toEqual({ path: '/hooks/ws/two/in' });
    expect(hooks.routes.source.status('ws', 'two', 'second')).toEqual({
      path: '/hooks/ws/two/in',
      problem: 'another Webhook trigger of this workflow (first) already takes POST in: give this one another path or method',
    });
    expect(hooks.routes.source.status('ws', 'two', 'third')).toEqual({ path: '/hooks/ws/two/in' });
    expect(hooks.routes.source.size).toBe(2);
    const get = await fetch(hooks.url('two', 'in', 'id=4'), { headers: { 'x-operon-token': SECRET } });
    expect(get.status).toBe(202);
    expect(hooks.dispatcher.fired[0]).toMatchObject({ nodeId: 'third', payload: { method: 'GET', query: { id: '4' }, body: null } });
  });
});

describe('operon serve: health, a headless server, stopping', () => {
  it('answers /healthz always and /readyz once everything is started, with no token; 503 on hooks once stopping', async () => {
    let started = false;
    const hooks = await serveHooks({ ready: () => started });
    await hooks.listen(hookWorkflow('orders'));
    const health = await fetch(`${hooks.server.origin}/healthz`);
    expect([health.status, await health.json()]).toEqual([200, { ok: true }]);
    const starting = await fetch(`${hooks.server.origin}/readyz`);
    expect([starting.status, await starting.json()]).toEqual([503, { ready: false }]);
    started = true;
    const ready = await fetch(`${hooks.server.origin}/readyz`);
    expect([ready.status, await ready.json()]).toEqual([200, { ready: true }]);

    hooks.routes.stop();
    const stopping = await fetch(hooks.url('orders', 'orders'), call({}));
    expect([stopping.status, await errorOf(stopping)]).toEqual([
      503,
      { code: 'OPR-249', message: 'the server is stopping: no new runs are taken' },
    ]);
    expect(await hooks.runs()).toEqual([]);
  });

  it('with ui: false serves no editor files, but the hooks and health', async () => {
    const hooks = await serveHooks({ ui: false });
    await writeFile(path.join(hooks.host.paths.root, '../../index.html'), '<h1>editor</h1>');
    await hooks.listen(hookWorkflow('orders'));
    for (const page of ['/', '/index.html']) {
      const response = await fetch(`${hooks.server.origin}${page}`);
      // Plain words for a person who opens the address in a browser.
      expect([response.status, await response.text()]).toEqual([
        404,
        'This Operon serves no editor (operon serve --no-ui): only its API, webhooks and health.\n',
      ]);
    }
    expect((await fetch(`${hooks.server.origin}/healthz`)).status).toBe(200);
    expect((await fetch(hooks.url('orders', 'orders'), call({}))).status).toBe(202);

    const withUi = await serveHooks();
    await writeFile(path.join(withUi.host.paths.root, '../../index.html'), '<h1>editor</h1>');
    expect(await (await fetch(`${withUi.server.origin}/`)).text()).toBe('<h1>editor</h1>');
  });
});
