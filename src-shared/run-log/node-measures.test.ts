import { describe, expect, it } from 'vitest';
import type { EngineEvent } from '../engine/events.ts';
import { nodeMeasures } from './node-measures.ts';

type Body = EngineEvent extends infer E ? (E extends EngineEvent ? Omit<E, 'seq' | 'ts' | 'runId'> : never) : never;
const eventsOf = (runId: string, bodies: Body[]): EngineEvent[] => bodies.map((body, seq) => ({ ...body, seq, ts: 1_000 + seq, runId }));

const llm = (nodeId: string, costUsd: number | null, cached = false) =>
  ({
    type: 'node.llm',
    nodeId,
    callId: `c-${nodeId}-${String(costUsd)}`,
    provider: 'openai',
    model: 'gpt-4o-mini',
    attempt: 1,
    request: {},
    usage: null,
    costUsd,
    latencyMs: 5,
    cached,
  }) as const;

describe('nodeMeasures', () => {
  it("sums each node's model calls and cost (cache hits left out), with its duration", () => {
    const events = eventsOf('r1', [
      llm('ask', 0.002),
      llm('ask', 0.001),
      llm('ask', 0.5, true),
      { type: 'node.finished', nodeId: 'ask', status: 'succeeded', outputs: {}, durationMs: 40, attempts: 1 },
      llm('unpriced', null),
      llm('unpriced', 0.1),
      { type: 'node.finished', nodeId: 'shape', status: 'succeeded', outputs: {}, durationMs: 2, attempts: 1 },
    ]);
    const measures = nodeMeasures(events);
    expect(measures.get('ask')?.modelCalls).toBe(2);
    expect(measures.get('ask')?.costUsd).toBeCloseTo(0.003);
    expect(measures.get('ask')?.durationMs).toBe(40);
    expect(measures.get('unpriced')).toEqual({ modelCalls: 2, costUsd: null });
    expect(measures.get('shape')).toEqual({ modelCalls: 0, costUsd: 0, durationMs: 2 });
  });

  it("leaves out a child run's events", () => {
    const events = [
      ...eventsOf('r1', [{ type: 'node.finished', nodeId: 'a', status: 'succeeded', outputs: {}, durationMs: 1, attempts: 1 }]),
      ...eventsOf('child', [{ type: 'node.finished', nodeId: 'b', status: 'succeeded', outputs: {}, durationMs: 1, attempts: 1 }]),
    ];
    expect([...nodeMeasures(events).keys()]).toEqual(['a']);
  });
});
