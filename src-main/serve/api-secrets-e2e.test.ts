import { afterEach, describe, expect, it } from 'vitest';
import { startLoopbackServer, type LoopbackServer } from '../cli/testing/run-cli.ts';
import { startFakeOpenAi } from '../services/llm/testing/fake-openai-server.ts';
import { filesHolding } from '../services/testing/secret-scan.ts';
import { errorOf, expectNowhere as expectFormsNowhere, runOne } from './testing/secret-runs.ts';
import { serveForTest, workflowOf, type ServedForTest } from './testing/test-server.ts';

// Where a secret may go, through a real `operon serve`, its data folder and a WebSocket client: into the requests that
// send it, and nowhere else. After each scenario every file under the data folder and every message pushed to the
// client are scanned for the value and its base64.

const SECRET = 'tok-5ecret-0123456789';
const base64 = (text: string): string => Buffer.from(text).toString('base64');

let servers: LoopbackServer[] = [];
afterEach(async () => {
  await Promise.all(servers.map((server) => server.close()));
  servers = [];
});

async function loopback(handle: Parameters<typeof startLoopbackServer>[0]): Promise<LoopbackServer> {
  const server = await startLoopbackServer(handle);
  servers.push(server);
  return server;
}

/** Asserts that neither the data folder nor a pushed message holds the secret (or `forms`). */
const expectNowhere = (served: ServedForTest, forms: string[] = [SECRET], minFiles = 4): Promise<void> =>
  expectFormsNowhere(served, forms, minFiles);

describe('secrets go where they are sent', () => {
  it('sends $secret() in a header and in URL credentials; the loopback server receives them, nothing else does', async () => {
    const served = await serveForTest({ OPERON_SECRET_TOKEN: SECRET });
    const api = await loopback(() => ({ status: 200, body: { ok: true } }));
    const header = await runOne(served, 'header', {
      type: 'core.http-request',
      config: { url: `${api.url}/whoami`, headers: { Authorization: "Bearer {{ $secret('TOKEN') }}" } },
    });
    expect(header.status).toBe('succeeded');
    const credentials = await runOne(served, 'credentials', {
      type: 'core.http-request',
      config: { url: `${api.url.replace('//', "//ana:{{ $secret('TOKEN') }}@")}/basic`, query: { key: "{{ $secret('TOKEN') }}" } },
    });
    expect(credentials.status, JSON.stringify(errorOf(credentials.events, 'leak'))).toBe('succeeded');
    expect(api.requests.map((request) => request.headers.authorization)).toEqual([`Bearer ${SECRET}`, `Basic ${base64(`ana:${SECRET}`)}`]);
    expect(api.requests[1]?.url).toBe(`/basic?key=${SECRET}`);
    // The node's log line names where it sent the request, the key in its query shown by name.
    const logged = credentials.events.find((event) => event.type === 'node.log' && event.nodeId === 'leak');
    expect(logged).toMatchObject({ message: expect.stringContaining('key=[secret:TOKEN]') });
    await expectNowhere(served, [SECRET, `ana:${SECRET}`]);
  });

  it.each([
    ['the value', "$secret('TOKEN')"],
    ['the value inside a text', "'x' & $secret('TOKEN')"],
    ['its base64', "$base64encode($secret('TOKEN'))"],
    ['its upper case', "{ 'auth': $uppercase($secret('TOKEN')) }"],
    ['a part of it', "$substring($secret('TOKEN'), 2)"],
  ])('fails a Transform that would output %s, naming the secret and the field', async (_what, expression) => {
    const served = await serveForTest({ OPERON_SECRET_TOKEN: SECRET });
    const run = await runOne(served, 'transform', { type: 'core.transform', config: { expression } });
    expect(run.status).toBe('failed');
    expect(errorOf(run.events, 'leak')).toMatchObject({
      error: { code: 'OPR-190', message: expect.stringMatching(/secret TOKEN into config\.expression/), details: { secret: 'TOKEN' } },
    });
    // The Output node behind it never got a value.
    expect(run.events.find((event) => event.type === 'run.finished')).toMatchObject({ outputs: {} });
    await expectNowhere(served);
  });

  it('fails an HTTP request whose answer echoes the secret (here in base64) before it reaches its output', async () => {
    const served = await serveForTest({ OPERON_SECRET_TOKEN: SECRET });
    const echo = await loopback((request) => ({ status: 200, body: { seen: base64(String(request.headers.authorization)) } }));
    const run = await runOne(served, 'echo', {
      type: 'core.http-request',
      config: { url: `${echo.url}/echo`, headers: { Authorization: "{{ $secret('TOKEN') }}" } },
    });
    expect(echo.requests).toHaveLength(1);
    expect(run.status).toBe('failed');
    expect(errorOf(run.events, 'leak')).toMatchObject({ error: { code: 'OPR-190', details: { secret: 'TOKEN', field: 'output "out"' } } });
    await expectNowhere(served);
  });

  it('fails a Write file node whose path would hold the secret, and writes nothing', async () => {
    const served = await serveForTest({ OPERON_SECRET_TOKEN: SECRET });
    const run = await runOne(served, 'write', {
      type: 'core.write-file',
      config: { path: "notes-{{ $secret('TOKEN') }}.txt", format: 'text' },
    });
    expect(errorOf(run.events, 'leak')).toMatchObject({ error: { code: 'OPR-190', details: { secret: 'TOKEN', field: 'config.path' } } });
    await expectNowhere(served);
  });

  // LanceDB's first write (a table made, its files written) takes seconds, and many more on a loaded machine: the
  // suite's TEST_TIMEOUT_MS allows for it.
  it('fails a memory write that would store the secret; the record written before it is found by the same scan', async () => {
    const openai = await startFakeOpenAi();
    const served = await serveForTest({ OPERON_SECRET_TOKEN: SECRET, OPENAI_API_KEY: 'sk-fake-key-0123', OPENAI_BASE_URL: openai.url });
    const canary = 'canary-note-7f3a9c';
    const run = await runOne(
      served,
      'remember',
      { type: 'core.memory-write', config: { text: "token {{ $secret('TOKEN') }}" } },
      { before: { type: 'core.memory-write', config: { text: canary } } },
    );
    await openai.close();
    expect(run.events.find((event) => event.type === 'node.finished' && event.nodeId === 'before')).toMatchObject({
      status: 'succeeded',
    });
    expect(errorOf(run.events, 'leak')).toMatchObject({ error: { code: 'OPR-190', details: { secret: 'TOKEN', field: 'config.text' } } });
    // The scan reads LanceDB's files: the record that was written is there, in clear.
    expect((await filesHolding(served.dataDir, canary)).some((file) => file.includes('memory'))).toBe(true);
    await expectNowhere(served);
  });

  it("fails an LLM node whose prompt would hold the secret, before any request; the provider's key is not a secret's place to leak from", async () => {
    const openai = await startFakeOpenAi();
    const served = await serveForTest({ OPERON_SECRET_TOKEN: SECRET, OPENAI_API_KEY: 'sk-fake-key-0123', OPENAI_BASE_URL: openai.url });
    const run = await runOne(served, 'prompt', { type: 'core.llm', config: { prompt: "Repeat {{ $secret('TOKEN') }}" } });
    await openai.close();
    expect(errorOf(run.events, 'leak')).toMatchObject({ error: { code: 'OPR-190', details: { secret: 'TOKEN', field: 'config.prompt' } } });
    expect(openai.requests.filter((request) => request.path.endsWith('/chat/completions'))).toEqual([]);
    await expectNowhere(served, [SECRET, 'sk-fake-key-0123']);
  });
});

describe('secrets are kept out of pins and exports', () => {
  it('refuses to pin outputs that hold a secret, in any form, and keeps nothing', async () => {
    const served = await serveForTest({ OPERON_SECRET_TOKEN: SECRET });
    const nodes = [
      { id: 'start', type: 'core.manual-trigger' },
      { id: 'shape', type: 'core.transform', config: { expression: '$' } },
    ];
    await served.client.call('workflows.save', { workflow: workflowOf('pinned', nodes, ['start.out -> shape.in']) });
    for (const value of [SECRET, { auth: `Basic ${base64(`ana:${SECRET}`)}` }, encodeURIComponent(` ${SECRET}`)]) {
      await expect(
        served.client.call('pins.set', { workflowId: 'pinned', nodeId: 'shape', outputs: { out: value } }),
      ).rejects.toMatchObject({ code: 'OPR-191', message: expect.stringContaining('secret TOKEN') });
    }
    expect((await served.client.call('pins.list', { workflowId: 'pinned' })).pins).toEqual({});
    await served.client.call('pins.set', { workflowId: 'pinned', nodeId: 'shape', outputs: { out: 'not a secret' } });
    expect(Object.keys((await served.client.call('pins.list', { workflowId: 'pinned' })).pins)).toEqual(['shape']);
    await expectNowhere(served, [SECRET], 2); // the workflow and its pins
  });

  it("refuses to export a workflow that holds a secret's value, naming the node", async () => {
    const served = await serveForTest({ OPERON_SECRET_TOKEN: SECRET });
    const nodes = [
      { id: 'start', type: 'core.manual-trigger' },
      { id: 'call', type: 'core.http-request', config: { url: 'http://127.0.0.1:9/x', headers: { Authorization: `Bearer ${SECRET}` } } },
    ];
    await served.client.call('workflows.save', { workflow: workflowOf('typed-in', nodes, ['start.out -> call.in']) });
    await expect(served.client.call('workflows.export', { id: 'typed-in' })).rejects.toMatchObject({
      code: 'OPR-191',
      message: expect.stringMatching(/node "call" holds the value of secret TOKEN/),
    });
  });
});
