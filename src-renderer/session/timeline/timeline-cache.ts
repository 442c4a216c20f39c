import type { RunTimeline } from '../../../src-shared/run-log/timeline-schema.ts';
import type { RunStatus } from '../../../src-shared/engine/events.ts';

/** The last ended run's timeline: opening a run draws the canvas from it, and the Timeline tab then reuses it. */
let last: { runId: string; timeline: RunTimeline } | undefined;

/** Keeps the timeline of a run that has ended (an ended run's timeline no longer changes); one run only. */
export function rememberTimeline(status: RunStatus, timeline: RunTimeline): void {
  if (status === 'queued' || status === 'running' || status === 'waiting') return;
  last = { runId: timeline.runId, timeline };
}

/** The remembered timeline of `runId`, if it is the one kept. */
export function recallTimeline(runId: string): RunTimeline | undefined {
  return last?.runId === runId ? last.timeline : undefined;
}
