import type { EngineEvent, EventBody } from '../../engine/events.ts';

/** Builds a run's events by hand: each body gets the next seq, the run id, and the time given (ms). */
export function eventLog(runId: string): { add(ts: number, body: EventBody): void; events: EngineEvent[] } {
  const events: EngineEvent[] = [];
  return { events, add: (ts, body) => events.push({ ...body, seq: events.length, ts, runId }) };
}

export const started = (inputs: Record<string, unknown> = {}): EventBody => ({
  type: 'run.started',
  workflowId: 'w',
  workflowHash: 'h',
  trigger: { type: 'test' },
  inputs,
});

export const finished = (status: 'succeeded' | 'failed' | 'cancelled' = 'succeeded'): EventBody => ({
  type: 'run.finished',
  status,
  outputs: {},
  totals: { nodes: 0, succeeded: 0, failed: 0, skipped: 0, cached: 0, executions: 0, durationMs: 0 },
});
