import { describe, expect, it } from 'vitest';
import { createMemoryServices, createScriptedTransport } from '../../../engine/testing/memory-services.ts';
import type { PriceTable } from '../../../llm/types.ts';
import { agentWorkflow, decided, eventsOf, reply, session, step } from './test-harness.ts';

const unknownTool = (id: string) => reply(null, [[id, 'nothing', {}]], { promptTokens: 500, completionTokens: 100, totalTokens: 600 });
const prices: PriceTable = { currency: 'USD', models: { 'gpt-4o-mini': { inputPerMTok: 1000, outputPerMTok: 1000 } } };

async function runWith(config: Record<string, unknown>, options: { prices?: PriceTable } = {}) {
  const transport = createScriptedTransport([unknownTool('c1'), unknownTool('c2'), unknownTool('c3'), unknownTool('c4'), reply('never')]);
  const s = session(createMemoryServices({ llm: transport, ...options }), agentWorkflow(config));
  const result = await step(s);
  return { result, transport, s };
}

describe('core.agent guards', () => {
  it('stops at maxIterations with OPR-125 naming the guard and the figures', async () => {
    const { result, transport, s } = await runWith({ maxIterations: 3 });
    expect(result.status).toBe('failed');
    expect(result.error).toMatchObject({
      code: 'OPR-125',
      message: 'agent "agent" reached maxIterations (3): it made 3 model calls without a final answer',
      details: { guard: 'maxIterations', limit: 3, iterations: 3 },
    });
    expect(transport.requests).toHaveLength(3);
    expect(eventsOf(s, 'node.tool')).toHaveLength(3);
  });

  it('stops at maxTokens, counting every model call', async () => {
    const { result, transport } = await runWith({ maxTokens: 1000 });
    expect(result.error).toMatchObject({
      code: 'OPR-125',
      message: 'agent "agent" reached maxTokens (1000): 1200 tokens used in 2 model calls',
    });
    expect(transport.requests).toHaveLength(2);
  });

  it('stops at maxCostUsd, with the prices table', async () => {
    const { result, transport } = await runWith({ maxCostUsd: 1 }, { prices });
    expect(result.error).toMatchObject({
      code: 'OPR-125',
      message: 'agent "agent" reached maxCostUsd (1): $1.200000 spent in 2 model calls',
    });
    expect(result.error?.details).toMatchObject({ guard: 'maxCostUsd', costUsd: expect.closeTo(1.2, 9) });
    expect(transport.requests).toHaveLength(2);
  });

  it('does not stop below the limits', async () => {
    const { result, transport } = await runWith({ maxIterations: 5, maxTokens: 3000, maxCostUsd: 3 }, { prices });
    expect(result.status).toBe('succeeded');
    expect(result.outputs.answer).toBe('never');
    expect(transport.requests).toHaveLength(5);
  });

  it('counts what was spent before an approval pause after the resume', async () => {
    const gated = { name: 'read', kind: 'read_file', requiresApproval: true };
    const transport = createScriptedTransport([
      reply(null, [['c1', 'read', { path: 'a.txt' }]], { promptTokens: 500, completionTokens: 100, totalTokens: 600 }),
      unknownTool('c2'),
      reply('must not be asked'),
    ]);
    const services = createMemoryServices({ llm: transport });
    services.fileStore.set('a.txt', 'A');
    const s = session(services, agentWorkflow({ maxTokens: 1000, tools: [gated] }));
    expect((await step(s)).status).toBe('waiting');
    const result = await step(s, decided('approved'));

    expect(result.error).toMatchObject({
      code: 'OPR-125',
      message: 'agent "agent" reached maxTokens (1000): 1200 tokens used in 2 model calls',
    });
    expect(transport.requests).toHaveLength(2);
  });
});
