import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { TEST_IDS, VIEWER_IDS } from '../src-renderer/test-ids.ts';
import { seedWorkflow } from './fixtures/api.ts';
import { expect, test } from './fixtures/openai.ts';
import { RunViewer, runToEnd } from './fixtures/run-viewer.ts';
import { EVENT_WAIT_MS } from '../src-main/services/testing/waiting.ts';

// The trace of AI nodes: what a model was sent and answered, what an agent's tool did, and which memories a search
// found. No test reaches the internet: `openai` is a loopback OpenAI-compatible server, and memory uses the offline
// embedder (the default).

const SYSTEM = 'You route support tickets to a team. Answer with the team only.';
const PROMPT = 'My kettle arrived broken and I was charged twice.';
const ANSWER = 'Billing.';
const ORDER = JSON.stringify({ id: '1042', status: 'delivered', total: 39.9 });
const NOTES = ['Order 1042: the kettle arrived broken and was refunded.', 'Ana prefers to be contacted by email.'];
const MODEL_DELAY_MS = 250;

test.beforeEach(async ({ api, served, openai }) => {
  await mkdir(path.join(served.dataDir, 'workspaces/default/files/orders'), { recursive: true });
  await writeFile(path.join(served.dataDir, 'workspaces/default/files/orders/1042.json'), ORDER);
  openai.reply(
    // ask: a slow answer, so its latency is known to be at least MODEL_DELAY_MS.
    { delayMs: MODEL_DELAY_MS, then: { content: ANSWER, usage: { prompt_tokens: 180, completion_tokens: 40 } } },
    // agent: reads the order, then answers.
    { toolCalls: [{ name: 'read_order', arguments: { path: 'orders/1042.json' } }], usage: { prompt_tokens: 300, completion_tokens: 20 } },
    { content: 'Order 1042 was delivered: refund 39.90.', usage: { prompt_tokens: 400, completion_tokens: 15 } },
  );
  await seedWorkflow(api, {
    id: 'trace-remember',
    name: 'Trace: remember notes',
    nodes: [
      { id: 'start', type: 'core.manual-trigger' },
      { id: 'notes', type: 'core.transform', config: { expression: JSON.stringify(NOTES) } },
      { id: 'remember', type: 'core.memory-write', config: { collection: 'notes', each: true } },
    ],
    edges: [
      ['start', 'notes'],
      ['notes', 'remember'],
    ],
  });
  const model = { provider: 'openai', model: 'gpt-4o-mini' };
  await seedWorkflow(api, {
    id: 'trace-models',
    name: 'Trace: models, tools, memory',
    nodes: [
      { id: 'start', type: 'core.manual-trigger', position: { x: 0, y: 150 } },
      { id: 'ask', type: 'core.llm', config: { ...model, system: SYSTEM, prompt: PROMPT }, position: { x: 260, y: 0 } },
      {
        id: 'agent',
        type: 'core.agent',
        config: {
          ...model,
          instructions: 'You handle refunds. Read the order first.',
          task: 'Should order 1042 be refunded?',
          tools: [{ name: 'read_order', description: 'Read an order file, e.g. orders/1042.json.', kind: 'read_file' }],
        },
        position: { x: 520, y: 0 },
      },
      {
        id: 'recall',
        type: 'core.memory-search',
        config: { query: 'broken kettle refund', collection: 'notes', topK: 5, mode: 'vector' },
        position: { x: 260, y: 300 },
      },
    ],
    edges: [
      ['start', 'ask'],
      ['ask', 'agent'],
      ['start', 'recall'],
    ],
  });
});

test("the trace shows a model call, an agent's tool call and a memory search's hits with their sources", async ({
  api,
  editor,
  openai,
}) => {
  // The notes are written by an earlier run, so their source is that run, not the one on the canvas.
  const written = await runToEnd(api, 'trace-remember');
  expect(written.status).toBe('succeeded');

  const viewer = new RunViewer(editor);
  await editor.goto();
  await editor.openWorkflow('trace-models', 4);
  await editor.byTestId(TEST_IDS.runButton).click();
  await expect(editor.byTestId(TEST_IDS.runStatus)).toHaveText('succeeded', { timeout: EVENT_WAIT_MS });
  const chats = openai.requests.filter((request) => request.path.endsWith('/chat/completions'));
  expect(chats).toHaveLength(3);

  // (a) The LLM node: the messages sent (exactly what the server received), the answer, tokens, cost and latency.
  expect(chats[0]?.body.messages).toEqual([
    { role: 'system', content: SYSTEM },
    { role: 'user', content: PROMPT },
  ]);
  let trace = await viewer.inspect('ask');
  await expect(trace.getByTestId(VIEWER_IDS.traceStatus)).toHaveText('succeeded');
  const call = trace.getByTestId(VIEWER_IDS.traceLlmCall);
  await expect(call).toHaveCount(1);
  await expect(call).toContainText('openai/gpt-4o-mini');
  await expect(call).toContainText('180 + 40 = 220 tokens · $0.000051'); // 180 × $0.15/M in + 40 × $0.60/M out
  const latency = /attempt 1 · (\d+) ms/.exec(await call.innerText());
  expect(Number(latency?.[1])).toBeGreaterThanOrEqual(MODEL_DELAY_MS);
  // In order: the messages sent, the answer, and the whole answer as logged (folded).
  await expect(call.getByTestId(VIEWER_IDS.valueText)).toHaveText([SYSTEM, PROMPT, ANSWER, /"content": "Billing\."/]);
  await expect(viewer.tracePort('outputs', 'out').getByTestId(VIEWER_IDS.valueText)).toHaveText(JSON.stringify(ANSWER));

  // (b) The Agent node: its two model calls, and the tool call between them with its arguments and result.
  trace = await viewer.inspect('agent');
  await expect(trace.getByTestId(VIEWER_IDS.traceLlmCall)).toHaveCount(2);
  const tool = trace.getByTestId(VIEWER_IDS.traceToolCall);
  await expect(tool).toHaveCount(1);
  await expect(tool).toContainText('read_order');
  await expect(tool).not.toContainText('approved');
  await expect(tool.getByTestId(VIEWER_IDS.valueText)).toHaveText([
    JSON.stringify({ path: 'orders/1042.json' }, null, 2),
    JSON.stringify(ORDER), // the file's text, as the model got it back
  ]);
  expect((chats[2]?.body.messages as { role: string; content: string }[]).at(-1)).toMatchObject({ role: 'tool', content: ORDER });

  // (c) The Memory Search node: each record retrieved, best first, with its score and the run and node that wrote it.
  trace = await viewer.inspect('recall');
  const search = trace.getByTestId(VIEWER_IDS.traceMemoryOp);
  await expect(search).toHaveCount(1);
  await expect(search).toContainText('search · 2 records');
  const hits = search.locator('tbody tr');
  await expect(hits).toHaveCount(2);
  const scores: string[] = [];
  for (const [i, note] of NOTES.entries()) {
    const cells = hits.nth(i).locator('td');
    await expect(cells.nth(0)).toHaveText(/^[01]\.\d{3}$/);
    scores.push(await cells.nth(0).innerText());
    await expect(cells.nth(1).getByTestId(VIEWER_IDS.valueText)).toHaveText(note);
    await expect(cells.nth(2)).toHaveText(`trace-remember · run ${written.runId} · remember`);
  }
  expect(Number(scores[0])).toBeGreaterThan(Number(scores[1]));
  // The scores are the search's own, as the run log holds them.
  const [shown] = (await api.client.call('runs.list', { workspace: 'default', workflowId: 'trace-models' })).runs;
  if (shown?.kind !== 'run') throw new Error(`no run of trace-models: ${JSON.stringify(shown)}`);
  const { events } = await api.client.call('runs.trace', { workspace: 'default', runId: shown.runId, nodeId: 'recall' });
  const logged = events.flatMap((event) => (event.type === 'node.memory' ? (event.results ?? []) : []));
  expect(logged.map((hit) => hit.score?.toFixed(3))).toEqual(scores);

  await search.scrollIntoViewIfNeeded();
  await editor.screenshot('run-viewer-trace-models.png');
  expect(editor.errors).toEqual([]);
});
