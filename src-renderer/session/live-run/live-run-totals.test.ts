import { describe, expect, it } from 'vitest';
import type { EngineEvent } from '../../../src-shared/engine/events.ts';
import { bindWorkspace } from '../api-context.ts';
import { createFakeClient, createFakeRunServer } from '../testing/fake-run-server.ts';
import { createLiveRuns } from './live-runs.ts';

const event = (runId: string, seq: number, body: Record<string, unknown>) => ({ seq, ts: 0, runId, ...body }) as unknown as EngineEvent;
const started = (runId: string) =>
  event(runId, 0, { type: 'run.started', workflowId: 'w', workflowHash: 'h', trigger: { type: 'manual' }, inputs: {} });
const llm = (runId: string, seq: number, tokens: [number, number] | null, costUsd: number | null, cached = false) =>
  event(runId, seq, {
    type: 'node.llm',
    nodeId: 'ask',
    callId: `c${seq}`,
    provider: 'openai',
    model: 'gpt-4o-mini',
    attempt: 1,
    request: {},
    usage: tokens === null ? null : { promptTokens: tokens[0], completionTokens: tokens[1], totalTokens: tokens[0] + tokens[1] },
    costUsd,
    latencyMs: 5,
    cached,
  });

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

function setup() {
  const server = createFakeRunServer();
  const { client } = createFakeClient(server, {}, () => undefined);
  return { server, liveRuns: createLiveRuns(bindWorkspace(client, 'default')) };
}

describe("a live run's model totals", () => {
  it('add up each model call as its event arrives, and take the run totals when it finishes', async () => {
    const { server, liveRuns } = setup();
    server.push('r1', started('r1'));
    const { view } = liveRuns.open('r1');
    await settle();
    expect(view.getState().llm).toMatchObject({ calls: 0, costUsd: 0 });

    server.push('r1', llm('r1', 1, [100, 20], 0.001));
    const afterOne = view.getState().llm;
    expect(afterOne).toEqual({
      calls: 1,
      cachedCalls: 0,
      tokens: { promptTokens: 100, completionTokens: 20, totalTokens: 120 },
      costUsd: 0.001,
      unpricedCalls: 0,
    });

    server.push('r1', llm('r1', 2, [50, 5], null));
    server.push('r1', llm('r1', 3, null, null, true));
    // A new object per change (readers compare by reference), the earlier one left as it was.
    expect(view.getState().llm).not.toBe(afterOne);
    expect(afterOne.calls).toBe(1);
    expect(view.getState().llm).toMatchObject({ calls: 2, cachedCalls: 1, tokens: { totalTokens: 175 }, costUsd: 0.001, unpricedCalls: 1 });

    const finalTotals = {
      calls: 2,
      cachedCalls: 1,
      tokens: { promptTokens: 150, completionTokens: 25, totalTokens: 175 },
      costUsd: 0.0011,
      unpricedCalls: 1,
    };
    server.push(
      'r1',
      event('r1', 4, {
        type: 'run.finished',
        status: 'succeeded',
        outputs: {},
        totals: { llm: finalTotals, nodes: 1, succeeded: 1, failed: 0, skipped: 0, cached: 0, executions: 1, durationMs: 9 },
      }),
    );
    expect(view.getState().llm).toEqual(finalTotals);
  });

  it("counts only the run's own calls, not a sub-workflow's", async () => {
    const { server, liveRuns } = setup();
    server.push('r1', started('r1'));
    const { view } = liveRuns.open('r1');
    await settle();
    server.push('r1', llm('child', 1, [100, 20], 0.5));
    expect(view.getState().llm.calls).toBe(0);
  });
});
