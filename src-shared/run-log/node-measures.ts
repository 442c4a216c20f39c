import type { EngineEvent } from '../engine/events.ts';

/** What one node of a run took: how long its last attempt ran, and its model calls and their cost. */
export interface NodeMeasure {
  /** The finished node's duration (absent when it never finished). */
  durationMs?: number;
  /** Model calls made (cache hits not counted). */
  modelCalls: number;
  /** Their cost in USD; null when a call had no price. */
  costUsd: number | null;
}

/**
 * Each node's duration and model cost from a run's logged events (the run's own: a child run's events are left out).
 * `operon runs compare` shows these beside `compareRuns`' statuses and value diffs.
 */
export function nodeMeasures(events: readonly EngineEvent[]): Map<string, NodeMeasure> {
  const runId = events[0]?.runId;
  const measures = new Map<string, NodeMeasure>();
  const of = (nodeId: string): NodeMeasure => {
    const found = measures.get(nodeId);
    if (found !== undefined) return found;
    const fresh: NodeMeasure = { modelCalls: 0, costUsd: 0 };
    measures.set(nodeId, fresh);
    return fresh;
  };
  for (const event of events) {
    if (event.runId !== runId) continue;
    if (event.type === 'node.finished') of(event.nodeId).durationMs = event.durationMs;
    else if (event.type === 'node.llm' && !event.cached) {
      const measure = of(event.nodeId);
      measure.modelCalls++;
      measure.costUsd = measure.costUsd === null || event.costUsd === null ? null : measure.costUsd + event.costUsd;
    }
  }
  return measures;
}
