import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startLoopbackServer, type LoopbackServer } from '../cli/testing/run-cli.ts';
import { startFakeOpenAi, type FakeOpenAi } from '../services/llm/testing/fake-openai-server.ts';
import { createSecretVault } from '../services/secret-vault/secret-vault.ts';
import { countFiles, filesHolding, messagesHolding } from '../services/testing/secret-scan.ts';
import { runToEnd, saveChain } from './testing/two-tenants.ts';
import { serveForTest, workflowOf, type ServedForTest } from './testing/test-server.ts';

// Issue 14's secret scan: secrets in the vault (sealed in acme's secrets.json) and in the environment
// (OPERON_SECRET_*), used by runs over the real WebSocket API (an HTTP header, an LLM provider's key, a cached node,
// an approval resumed), failing with them (the secret in a failing request's URL), and echoed (a Transform returning
// them or forms of them). Then every file under the data folder (binary too: LanceDB, the cache) and every message
// the server sent are scanned for each value and its derived forms, and none holds one.

const VAULT_VALUE = 'vlt/S3cr3t+Key=77aa';
const LLM_VALUE = 'sk-vault-llm-41ffe0c9';
const ENV_VALUE = 'env/Tok+en=9911zz';
const SECRETS = [VAULT_VALUE, LLM_VALUE, ENV_VALUE];
/** The forms looked for beyond what the scan helper already tries (the value in any case, its base64). */
const forms = (value: string): string[] => [
  value,
  encodeURIComponent(value),
  value.toUpperCase(),
  Buffer.from(value).toString('base64url'),
];

let closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(closers.map((close) => close()));
  closers = [];
});

async function setUp(): Promise<{ served: ServedForTest; api: LoopbackServer; openai: FakeOpenAi }> {
  const openai = await startFakeOpenAi();
  const api = await startLoopbackServer((request) => ({ status: request.url.startsWith('/broken') ? 500 : 200, body: { ok: true } }));
  closers.push(
    () => openai.close(),
    () => api.close(),
  );
  const served = await serveForTest({ OPERON_SECRET_ENV_TOKEN: ENV_VALUE });
  const root = path.join(served.dataDir, 'workspaces', 'acme');
  const vault = createSecretVault({ dataDir: served.dataDir, workspace: 'acme', workspaceRoot: root, env: {} });
  await vault.set('API_TOKEN', VAULT_VALUE);
  await vault.set('LLM_KEY', LLM_VALUE);
  await mkdir(root, { recursive: true });
  const providers = { providers: [{ name: 'vaultai', baseUrl: openai.url, apiKeySecret: 'LLM_KEY', models: ['gpt-4o-mini'] }] };
  await writeFile(path.join(root, 'providers.json'), JSON.stringify(providers));
  return { served, api, openai };
}

describe('the secret scan', () => {
  it('after runs that use, fail with and echo vault and environment secrets, no file and no pushed message holds one', async () => {
    const { served, api, openai } = await setUp();
    const run = (id: string) => runToEnd(served, 'acme', id);
    const headers = { Authorization: "Bearer {{ $secret('API_TOKEN') }}", 'X-Env': "{{ $secret('ENV_TOKEN') }}" };

    // (a) Used: a header to a loopback server (cached: the second run reuses the recorded output), an LLM's key.
    await saveChain(served, 'acme', 'use-http', {
      type: 'core.http-request',
      config: { url: `${api.url}/use`, headers },
      settings: { cache: true },
    });
    expect((await run('use-http')).status).toBe('succeeded');
    expect((await run('use-http')).status).toBe('succeeded');
    expect(api.requests.map((request) => [request.headers.authorization, request.headers['x-env']])).toEqual([
      [`Bearer ${VAULT_VALUE}`, ENV_VALUE],
    ]);
    await saveChain(served, 'acme', 'use-llm', { type: 'core.llm', config: { provider: 'vaultai', prompt: 'Say hello' } });
    expect(await run('use-llm')).toMatchObject({ status: 'succeeded' });
    expect(openai.requests.map((request) => request.headers.authorization)).toEqual([`Bearer ${LLM_VALUE}`]);

    // (b) Failing with them: a refused connection and a 500, each with a secret in the URL's query.
    const failing = [
      ['refused', `http://127.0.0.1:1/x?key={{ $secret('API_TOKEN') }}`],
      ['broken', `${api.url}/broken?key={{ $secret('ENV_TOKEN') }}&k2={{ $secret('API_TOKEN') }}`],
    ] as const;
    for (const [id, url] of failing) {
      await saveChain(served, 'acme', id, { type: 'core.http-request', config: { url } });
      const failed = await run(id);
      expect(failed.status, id).toBe('failed');
      expect(failed.error?.message, id).toMatch(/\[secret:(API_TOKEN|ENV_TOKEN)\]/);
    }

    // (c) Echoed: a Transform returning a secret or a form of it fails (issue 16), naming the secret.
    const echoes = [
      "$secret('API_TOKEN')",
      "{ 'k': $secret('ENV_TOKEN') }",
      "$base64encode($secret('API_TOKEN'))",
      "$uppercase($secret('ENV_TOKEN'))",
      "$encodeUrlComponent($secret('API_TOKEN'))",
    ];
    for (const [index, expression] of echoes.entries()) {
      await saveChain(served, 'acme', `echo-${index}`, { type: 'core.transform', config: { expression } });
      expect(await run(`echo-${index}`), expression).toMatchObject({ status: 'failed', error: { code: 'OPR-190' } });
    }

    // Memory: a record that would store a secret fails; one without is written (LanceDB's binary files are scanned).
    const canary = 'canary-record-5d1f0b';
    await saveChain(served, 'acme', 'remember', { type: 'core.memory-write', config: { text: canary } });
    expect((await run('remember')).status).toBe('succeeded');
    await saveChain(served, 'acme', 'remember-secret', { type: 'core.memory-write', config: { text: "key {{ $secret('API_TOKEN') }}" } });
    expect(await run('remember-secret')).toMatchObject({ status: 'failed', error: { code: 'OPR-190' } });

    // An approval after a node that used the secrets, decided and resumed.
    const nodes = [
      { id: 'start', type: 'core.manual-trigger' },
      { id: 'call', type: 'core.http-request', config: { url: `${api.url}/before-approval`, headers } },
      { id: 'ask', type: 'core.approval', config: { title: 'Send it?', message: 'Status {{ $.status }}' } },
      { id: 'result', type: 'core.output', config: { name: 'result' } },
    ];
    await served.client.call('workflows.save', {
      workspace: 'acme',
      workflow: workflowOf('approve', nodes, ['start.out -> call.in', 'call.out -> ask.in', 'ask.approved -> result.in']),
    });
    const { runId } = await served.client.call('runs.start', { workspace: 'acme', workflowId: 'approve' });
    await served.client.call('runs.watch', { workspace: 'acme', runId, fromSeq: 0 });
    await served.waitForStatus(runId, 'waiting');
    expect((await served.client.call('approvals.list', { workspace: 'acme' })).approvals).toHaveLength(1);
    await served.client.call('runs.decide', { workspace: 'acme', runId, decision: 'approved', by: 'ana' });
    await served.waitForStatus(runId, 'succeeded');
    // Everything the client can read back, read, so the answers are scanned too.
    const listed = (await served.client.call('runs.list', { workspace: 'acme' })).runs;
    expect(listed.length).toBeGreaterThanOrEqual(13);
    for (const { runId: id } of listed) {
      await served.client.call('runs.get', { workspace: 'acme', runId: id });
      await served.client.call('runs.events', { workspace: 'acme', runId: id });
      await served.client.call('runs.timeline', { workspace: 'acme', runId: id });
    }

    // The scan: every file, every message, every secret in every form.
    expect(await countFiles(served.dataDir)).toBeGreaterThan(40);
    expect(served.rawMessages.length).toBeGreaterThan(50);
    const found: string[] = [];
    for (const secret of SECRETS)
      for (const form of forms(secret)) {
        for (const file of await filesHolding(served.dataDir, form)) found.push(`${form} in ${file}`);
        for (const message of messagesHolding(served.rawMessages, form)) found.push(`${form} in a message: ${message.slice(0, 200)}`);
      }
    expect(found).toEqual([]);
    // The scan finds what is there: the record in LanceDB's files, the placeholders the logs show instead.
    expect((await filesHolding(served.dataDir, canary)).some((file) => file.includes('memory'))).toBe(true);
    expect(messagesHolding(served.rawMessages, '[secret:API_TOKEN]').length).toBeGreaterThan(0);
  });
});
