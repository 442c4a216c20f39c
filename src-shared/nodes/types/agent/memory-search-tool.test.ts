import { describe, expect, it } from 'vitest';
import { createMemoryServices, createScriptedTransport } from '../../../engine/testing/memory-services.ts';
import { createInMemoryStore } from '../../../memory/testing/in-memory-store.ts';
import { agentNode } from '../agent.ts';
import { agentWorkflow, eventsOf, registry, reply, session, step, toolMessages, type Reply } from './test-harness.ts';
import { createCheckHelpers } from '../../test-context.ts';

const WRITER = { workflowId: 'notes', runId: 'run-7', nodeId: 'remember' };
const RECALL = {
  name: 'recall',
  description: 'Search the team notes',
  kind: 'memory_search',
  config: { collection: 'notes', topK: 2, mode: 'vector' },
};

async function memorySession(tool: Record<string, unknown>, ...replies: Reply[]) {
  const store = createInMemoryStore();
  await store.write(
    [
      { collection: 'notes', text: 'the deploy key rotates every monday' },
      { collection: 'notes', text: 'deploy freezes start on friday' },
      { collection: 'notes', text: 'lunch is at noon' },
      { collection: 'faq', text: 'the deploy key lives in the vault' },
    ],
    WRITER,
  );
  const transport = createScriptedTransport(replies);
  return { transport, s: session(createMemoryServices({ llm: transport, memory: store }), agentWorkflow({ tools: [tool] })) };
}

describe('memory_search tool', () => {
  it("gives the model the hits' text, score and source with the tool's defaults, and logs the search for the agent", async () => {
    const { transport, s } = await memorySession(
      RECALL,
      reply(null, [['c1', 'recall', { query: 'when does the deploy key rotate' }]]),
      reply('On Mondays.'),
    );
    const result = await step(s);

    expect(result.status).toBe('succeeded');
    expect(result.outputs.answer).toBe('On Mondays.');
    const answer = JSON.parse(toolMessages(transport, 1).c1 ?? '') as { hits: { text: string; score: number; source: unknown }[] };
    expect(answer.hits.map((hit) => hit.text)).toEqual(['the deploy key rotates every monday', 'deploy freezes start on friday']);
    expect(answer.hits[0]?.source).toEqual(WRITER);
    expect(answer.hits[0]?.score).toBeGreaterThan(answer.hits[1]?.score ?? 1);

    const [search] = eventsOf(s, 'node.memory');
    expect(search).toMatchObject({
      nodeId: 'agent',
      op: 'search',
      request: { topK: 2, mode: 'vector', filter: { collection: 'notes' } },
      count: 2,
    });
    expect(search?.results?.map((r) => r.source)).toEqual([WRITER, WRITER]);
  });

  it('lets the model choose topK and the collection, and sends bad arguments back as an error', async () => {
    const { transport, s } = await memorySession(
      RECALL,
      reply(null, [
        ['c1', 'recall', { query: 'deploy key', topK: 1, collection: 'faq' }],
        ['c2', 'recall', { query: 'deploy key', topK: 500 }],
      ]),
      reply('Done.'),
    );
    await step(s);
    const messages = toolMessages(transport, 1);
    expect(JSON.parse(messages.c1 ?? '')).toEqual({
      hits: [{ text: 'the deploy key lives in the vault', score: expect.any(Number), source: WRITER }],
    });
    expect(JSON.parse(messages.c2 ?? '')).toEqual({ error: expect.stringContaining('topK') });
  });

  it('is checked as a tool: its collection must be a collection name', () => {
    const config = agentNode.config.parse({ tools: [{ ...RECALL, config: { collection: 'no spaces' } }] });
    const problems = agentNode.check(config, createCheckHelpers(registry));
    expect(problems).toContainEqual({ path: 'tools.0.config.collection', message: expect.stringContaining('not a collection name') });
  });
});
