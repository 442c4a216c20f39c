import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EngineEvent, EventOf } from '../../src-shared/engine/events.ts';
import { startFakeOpenAi, type FakeOpenAi } from '../services/llm/testing/fake-openai-server.ts';
import { EXAMPLES, filesDirOf, makeDataDir, parseJsonOut, readRunLogs, removeTempDirs, runCli } from './testing/run-cli.ts';

// The "done when" for models, end to end: the CLI in separate processes, the real openai SDK,
// and an OpenAI-compatible server on 127.0.0.1 that counts every request.

const KEY = 'sk-test-e2e-0123456789';
let openai: FakeOpenAi;
let env: Record<string, string>;

beforeEach(async () => {
  openai = await startFakeOpenAi();
  env = { OPENAI_API_KEY: KEY, OPENAI_BASE_URL: openai.url };
});
afterEach(() => openai.close());
afterAll(removeTempDirs);

const chatRequests = () => openai.requests.filter((r) => r.path.endsWith('/chat/completions'));
const of = <T extends EngineEvent['type']>(events: readonly EngineEvent[], type: T) =>
  events.filter((e): e is EventOf<T> => e.type === type);

/** Every file under `dir`, read as text. */
async function allText(dir: string): Promise<string> {
  const names = await readdir(dir, { recursive: true, withFileTypes: true });
  const texts = await Promise.all(names.filter((d) => d.isFile()).map((d) => readFile(path.join(d.parentPath, d.name), 'utf8')));
  return texts.join('\n');
}

describe('ticket triage against an OpenAI-compatible server', () => {
  const triage = path.join(EXAMPLES, 'ticket-triage.operon.json');
  const verdict = {
    route: 'billing',
    priority: 'high',
    summary: 'Charged twice for one order.',
    reply: 'We are refunding the second charge.',
  };

  it('classifies with a structured answer, waits for approval, and a cached re-run makes zero model calls', async () => {
    const dataDir = await makeDataDir();
    openai.reply({ content: JSON.stringify(verdict), usage: { prompt_tokens: 180, completion_tokens: 40 } });

    const first = await runCli(dataDir, ['run', triage, '--cache', '--json'], { env });
    expect(first.code, first.stderr).toBe(3);
    const waiting = parseJsonOut(first);
    expect(waiting.pending?.[0]?.request.message).toBe('Route to billing (high): Charged twice for one order.');
    expect(chatRequests()).toHaveLength(1);
    expect(chatRequests()[0]?.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(chatRequests()[0]?.body).toMatchObject({ model: 'gpt-4o-mini', response_format: { type: 'json_schema' } });

    const approved = await runCli(dataDir, ['approve', waiting.runId, '--json'], { env });
    expect(approved.code, approved.stderr).toBe(0);
    expect(await readFile(path.join(filesDirOf(dataDir), 'triage-decisions.jsonl'), 'utf8')).toContain('"route":"billing"');

    const show = await runCli(dataDir, ['runs', 'show', waiting.runId], { env });
    expect(show.stdout).toMatch(/models {2}1 model call · 220 tokens \(180 in, 40 out\) · \$0\.000051/);
    expect(show.stdout).toContain('llm  openai/gpt-4o-mini 180→40 tokens');

    const again = await runCli(dataDir, ['run', triage, '--cache', '--json'], { env });
    expect(again.code, again.stderr).toBe(3);
    expect(chatRequests()).toHaveLength(1);
    const { events } = await readRunLogs(dataDir, parseJsonOut(again).runId);
    expect(of(events, 'node.llm').filter((e) => !e.cached)).toEqual([]);
    expect(of(events, 'node.finished').find((e) => e.nodeId === 'classify')).toMatchObject({
      status: 'cached',
      cachedFrom: { runId: waiting.runId },
    });
    const reShow = await runCli(dataDir, ['runs', 'show', parseJsonOut(again).runId], { env });
    expect(reShow.stdout).toContain(`cache hit from run ${waiting.runId}`);

    expect(await allText(dataDir)).not.toContain(KEY);
  });

  it('says how to configure a provider when none is, and sends nothing anywhere', async () => {
    const dataDir = await makeDataDir();
    const result = await runCli(dataDir, ['run', triage, '--json']);
    expect(result.code).toBe(1);
    expect(parseJsonOut(result).error).toMatchObject({ code: 'OPR-120', message: expect.stringContaining('OPENAI_API_KEY') });
    expect(openai.requests).toEqual([]);
  });
});

describe('an agent whose refund tool needs approval, across two processes', () => {
  const agent = path.join(EXAMPLES, 'refund-agent.operon.json');
  let refunds: { server: http.Server; url: string; bodies: unknown[] };

  beforeEach(async () => {
    const bodies: unknown[] = [];
    const server = http.createServer((req, res) => {
      let text = '';
      req.on('data', (chunk: Buffer) => (text += chunk.toString()));
      req.on('end', () => {
        bodies.push({ method: req.method, url: req.url, body: JSON.parse(text || 'null') as unknown });
        res.writeHead(201, { 'content-type': 'application/json', connection: 'close' });
        res.end(JSON.stringify({ refundId: 'rf_1', status: 'issued' }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    refunds = { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, bodies };
  });
  afterEach(() => new Promise<void>((resolve) => refunds.server.close(() => resolve())));

  it('pauses on the proposed call, then a new process approves, runs the tool and finishes without asking the model again', async () => {
    const dataDir = await makeDataDir();
    await mkdir(path.join(filesDirOf(dataDir), 'orders'), { recursive: true });
    await writeFile(
      path.join(filesDirOf(dataDir), 'orders', '1042.json'),
      JSON.stringify({ id: '1042', status: 'delivered', total: 39.9 }),
    );
    openai.reply(
      {
        toolCalls: [{ name: 'read_order', arguments: { path: 'orders/1042.json' } }],
        usage: { prompt_tokens: 300, completion_tokens: 20 },
      },
      {
        toolCalls: [{ name: 'issue_refund', arguments: { orderId: '1042', amount: 39.9, reason: 'arrived broken' } }],
        usage: { prompt_tokens: 400, completion_tokens: 30 },
      },
      { content: 'Your refund of 39.90 is on its way. Sorry about the kettle.', usage: { prompt_tokens: 500, completion_tokens: 25 } },
    );

    const first = await runCli(dataDir, ['run', agent, '-i', `refundApi=${refunds.url}`, '--json'], { env });
    expect(first.code, first.stderr).toBe(3);
    const waiting = parseJsonOut(first);
    expect(waiting.pending?.[0]).toMatchObject({
      nodeId: 'agent',
      request: { title: 'Approve tool call: issue_refund', data: { tool: 'issue_refund', arguments: { orderId: '1042', amount: 39.9 } } },
    });
    expect(chatRequests()).toHaveLength(2);
    expect(refunds.bodies).toEqual([]);

    const approved = await runCli(dataDir, ['approve', waiting.runId, '--comment', 'checked the photo', '--json'], {
      env: { ...env, OPERON_USER: 'ana' },
    });
    expect(approved.code, approved.stderr).toBe(0);
    expect(parseJsonOut(approved).outputs.answer).toBe('Your refund of 39.90 is on its way. Sorry about the kettle.');
    expect(chatRequests()).toHaveLength(3);
    expect(refunds.bodies).toEqual([
      { method: 'POST', url: '/refunds', body: { orderId: '1042', amount: 39.9, reason: 'arrived broken' } },
    ]);
    const third = chatRequests()[2]?.body as { messages: { role: string; content: string }[] };
    expect(third.messages.at(-1)).toMatchObject({ role: 'tool', content: expect.stringContaining('rf_1') });

    const { events } = await readRunLogs(dataDir, waiting.runId);
    const nodeLog = (await readFile(path.join(dataDir, 'workspaces/default/runs', waiting.runId, 'nodes/agent.jsonl'), 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as EngineEvent);
    expect(of(nodeLog, 'node.llm').map((e) => e.usage?.totalTokens)).toEqual([320, 430, 525]);
    expect(of(nodeLog, 'node.tool').map((e) => [e.tool, e.approval?.decision ?? null])).toEqual([
      ['read_order', null],
      ['issue_refund', 'approved'],
    ]);
    expect(of(events, 'node.started').filter((e) => e.nodeId === 'start')).toHaveLength(1);
    expect(of(events, 'run.finished')[0]?.totals.llm).toMatchObject({ calls: 3, tokens: { totalTokens: 1275 } });

    const show = await runCli(dataDir, ['runs', 'show', waiting.runId], { env });
    expect(show.stdout).toMatch(/models {2}3 model calls · 1,275 tokens \(1,200 in, 75 out\) · \$0\.000225/);
    expect(show.stdout).toContain('tool issue_refund(');
    expect(show.stdout).toContain('(approved by ana)');
  });

  it('a rejection goes back to the model as the tool result, and the refund API is never called', async () => {
    const dataDir = await makeDataDir();
    await mkdir(path.join(filesDirOf(dataDir), 'orders'), { recursive: true });
    await writeFile(
      path.join(filesDirOf(dataDir), 'orders', '1042.json'),
      JSON.stringify({ id: '1042', status: 'delivered', total: 39.9 }),
    );
    openai.reply(
      { toolCalls: [{ name: 'issue_refund', arguments: { orderId: '1042', amount: 500, reason: 'goodwill' } }] },
      { content: 'A person declined the refund; a colleague will contact you.' },
    );
    const first = await runCli(dataDir, ['run', agent, '-i', `refundApi=${refunds.url}`, '--json'], { env });
    expect(first.code, first.stderr).toBe(3);
    const rejected = await runCli(dataDir, ['reject', parseJsonOut(first).runId, '--comment', 'more than the order total', '--json'], {
      env: { ...env, OPERON_USER: 'bo' },
    });
    expect(rejected.code, rejected.stderr).toBe(0);
    expect(refunds.bodies).toEqual([]);
    const last = chatRequests()[1]?.body as { messages: { role: string; content: string }[] };
    expect(JSON.parse(last.messages.at(-1)?.content ?? '{}')).toMatchObject({
      rejected: true,
      by: 'bo',
      comment: 'more than the order total',
    });
  });
});
