import { createServer, type Server } from 'node:http';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildWorkflow } from '../../src-shared/engine/testing/build-workflow.ts';
import { createBuiltinRegistry } from '../../src-shared/nodes/builtin.ts';
import type { TenantPolicyInput } from '../../src-shared/policy/policy-schema.ts';
import { startFakeOpenAi, type FakeOpenAi } from '../services/llm/testing/fake-openai-server.ts';
import { ensureWorkspace, workspacePaths } from '../services/data-dir.ts';
import { writePolicy } from '../services/policy/policy-file.ts';
import { createHost, type Host } from './host.ts';

/** The workspace policy enforced by a real host: real files, real HTTP on loopback, the fake OpenAI server. */
const registry = createBuiltinRegistry();
const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function hostWith(
  policy: TenantPolicyInput | undefined,
  env: NodeJS.ProcessEnv = {},
  files: Record<string, unknown> = {},
): Promise<Host> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'operon-policy-'));
  cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
  const paths = workspacePaths(dataDir, 'client-a');
  await ensureWorkspace(paths);
  if (policy !== undefined) await writePolicy(paths.root, policy);
  for (const [name, content] of Object.entries(files)) await writeFile(path.join(paths.root, name), JSON.stringify(content));
  const host = await createHost({ dataDir, workspace: 'client-a', env, registry });
  cleanups.push(() => host.close());
  return host;
}

/** A loopback server that counts the requests it was sent. */
async function counterServer(): Promise<{ port: number; count: () => number }> {
  let count = 0;
  const server: Server = createServer((_request, response) => {
    count++;
    response.end('{"ok":true}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => new Promise((resolve) => server.close(resolve)));
  return { port: (server.address() as AddressInfo).port, count: () => count };
}

const httpWorkflow = (url: string) =>
  buildWorkflow(
    registry,
    [
      { id: 'start', type: 'core.manual-trigger' },
      { id: 'call', type: 'core.http-request', config: { url } },
      { id: 'result', type: 'core.output', config: { name: 'result' } },
    ],
    ['start.out -> call.in', 'call.out -> result.in'],
  );

async function run(host: Host, workflow: ReturnType<typeof httpWorkflow>) {
  const handle = await host.startRun({ workflow, inputs: {} });
  return handle.result;
}

describe('the workspace policy: HTTP egress', () => {
  it('refuses a loopback address: the server is never reached, and the error names the host, the address and the field', async () => {
    const server = await counterServer();
    const host = await hostWith({});
    const result = await run(host, httpWorkflow(`http://127.0.0.1:${server.port}/count`));
    expect(result.status).toBe('failed');
    expect(result.error?.code).toBe('OPR-264');
    expect(result.error?.message).toMatch(/127\.0\.0\.1.*loopback.*http\.allowPrivateNetworks/);
    expect(server.count()).toBe(0);
  });

  it('refuses a name that resolves to a loopback address (localhost), checked on the resolved address', async () => {
    const server = await counterServer();
    const host = await hostWith({});
    const result = await run(host, httpWorkflow(`http://localhost:${server.port}/count`));
    expect(result.error?.code).toBe('OPR-264');
    expect(result.error?.message).toMatch(/localhost refused: it resolves to (127\.0\.0\.1|::1), a loopback address/);
    expect(server.count()).toBe(0);
  });

  it('lets the request through when the host is listed by name, or private networks are allowed, or there is no policy', async () => {
    const server = await counterServer();
    for (const policy of [{ http: { allowedHosts: ['127.0.0.1'] } }, { http: { allowPrivateNetworks: true } }, undefined]) {
      const host = await hostWith(policy);
      const result = await run(host, httpWorkflow(`http://127.0.0.1:${server.port}/count`));
      expect(result.status, JSON.stringify(policy)).toBe('succeeded');
    }
    expect(server.count()).toBe(3);
  });

  it('refuses a redirect to a private address, and a host not in allowedHosts', async () => {
    const server = await counterServer();
    const redirector = createServer((_request, response) =>
      response.writeHead(302, { location: `http://127.0.0.1:${server.port}/count` }).end(),
    );
    await new Promise<void>((resolve) => redirector.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => new Promise((resolve) => redirector.close(resolve)));
    // The redirector is listed by its exact name ("localhost" reaches it), its target (127.0.0.1) is not.
    const host = await hostWith({ http: { allowedHosts: ['localhost', '*.example.com'] } });
    const redirected = await run(host, httpWorkflow(`http://localhost:${(redirector.address() as AddressInfo).port}/go`));
    expect(redirected.error?.code).toBe('OPR-264');
    expect(redirected.error?.message).toMatch(/127\.0\.0\.1 refused: the workspace policy allows only localhost, \*\.example\.com/);
    expect(server.count()).toBe(0);
  });
});

describe('the workspace policy: a damaged file', () => {
  it('stops every run with OPR-260 naming the file and the field, and is never replaced', async () => {
    const host = await hostWith(undefined, {}, { 'policy.json': { http: { allowPrivateNetworks: 'yes' } } });
    const file = path.join(host.paths.root, 'policy.json');
    await expect(host.startRun({ workflow: httpWorkflow('http://127.0.0.1:9/'), inputs: {} })).rejects.toMatchObject({
      code: 'OPR-260',
      message: expect.stringMatching(/policy\.json: http\.allowPrivateNetworks: /) as unknown,
    });
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ http: { allowPrivateNetworks: 'yes' } });
  });
});

describe('the workspace policy: node types', () => {
  it('refuses to run a workflow with a node type the policy does not allow, naming the node and the type', async () => {
    const server = await counterServer();
    const host = await hostWith({ nodeTypes: ['core.manual-trigger', 'core.output'], http: { allowPrivateNetworks: true } });
    const result = await run(host, httpWorkflow(`http://127.0.0.1:${server.port}/count`));
    expect(result.status).toBe('failed');
    expect(result.error?.code).toBe('OPR-261');
    expect(result.error?.message).toContain(
      'node "call" is of the type HTTP request (core.http-request), which the workspace policy does not allow',
    );
    expect(server.count()).toBe(0);
  });
});

describe('the workspace policy: budgets', () => {
  it("stops the second run of the day once the first has spent the day's budget", async () => {
    const fake: FakeOpenAi = await startFakeOpenAi();
    cleanups.push(() => fake.close());
    // $0.01 a token: the first call costs $1 (100 tokens); the next one's estimate (its prompt, about 13 tokens) passes what is left.
    const fresh = await hostWith(
      { budgets: { perDay: { maxCostUsd: 1.05 } } },
      { OPENAI_BASE_URL: fake.url, OPENAI_API_KEY: 'sk-test-policy' },
      { 'prices.json': { currency: 'USD', models: { 'gpt-4o-mini': { inputPerMTok: 10_000, outputPerMTok: 10_000 } } } },
    );
    const workflow = buildWorkflow(
      registry,
      [
        { id: 'start', type: 'core.manual-trigger' },
        { id: 'ask', type: 'core.llm', config: { prompt: 'Say hello', retries: 0 } },
        { id: 'result', type: 'core.output', config: { name: 'answer' } },
      ],
      ['start.out -> ask.in', 'ask.out -> result.in'],
    );
    fake.reply({ content: 'Hello', usage: { prompt_tokens: 90, completion_tokens: 10 } });
    const first = await (await fresh.startRun({ workflow, inputs: {} })).result;
    expect(first.status).toBe('succeeded');
    const second = await (await fresh.startRun({ workflow, inputs: {} })).result;
    expect(second.status).toBe('failed');
    expect(second.error?.code).toBe('OPR-265');
    expect(second.error?.message).toMatch(
      /daily budget of \$1\.05 \(policy budgets\.perDay\.maxCostUsd\) would be passed \(\$1\.0000 spent today/,
    );
    expect(fake.requests.filter((request) => request.path.startsWith('/v1/chat'))).toHaveLength(1);
    const ledger = (await readFile(path.join(fresh.paths.root, 'spend.jsonl'), 'utf8')).trim().split('\n');
    expect(ledger.map((line) => JSON.parse(line) as { tokens: number }).map((line) => line.tokens)).toEqual([100]);
  });

  it("caps a run with the policy's run budget when the workflow's own is higher", async () => {
    const fake: FakeOpenAi = await startFakeOpenAi();
    cleanups.push(() => fake.close());
    const host = await hostWith({ budgets: { perRun: { maxTokens: 5 } } }, { OPENAI_BASE_URL: fake.url, OPENAI_API_KEY: 'sk-test-policy' });
    const workflow = buildWorkflow(
      registry,
      [
        { id: 'start', type: 'core.manual-trigger' },
        { id: 'ask', type: 'core.llm', config: { prompt: 'Say hello to everyone in the room', retries: 0 } },
      ],
      ['start.out -> ask.in'],
      { budgets: { maxTokens: 100_000 } },
    );
    const result = await (await host.startRun({ workflow, inputs: {} })).result;
    expect(result.error?.code).toBe('OPR-123');
    expect(result.error?.message).toMatch(/^the workspace policy's run budget of 5 tokens would be passed/);
    expect(fake.requests).toHaveLength(0);
  });
});
