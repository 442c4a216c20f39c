import type { EngineEvent, RunStatus } from '../engine/events.ts';
import type { RunTimeline, TimelineRow } from './timeline-schema.ts';

interface Span {
  from: number;
  to?: number;
}
type Attempt = TimelineRow['attempts'][number];

/**
 * A run's timeline from its logged events: per node, when it was queued, each attempt (closed by a retry, an error,
 * a wait for a person or its end), debug pauses (closed when it starts or its inputs are overridden), waits for a
 * decision (closed by the decision), and when it settled. Spans still open when the run finished close at its end;
 * spans of a run that has not finished stay open. Events of other runs (sub-workflows) are left out.
 */
export function buildTimeline(runId: string, events: readonly EngineEvent[]): RunTimeline {
  const rows = new Map<string, TimelineRow>();
  const warnings: string[] = [];
  let startedAt: number | undefined;
  let lastAt: number | undefined;
  let status: RunStatus = 'running';

  const rowOf = (nodeId: string): TimelineRow => {
    let row = rows.get(nodeId);
    if (row === undefined) rows.set(nodeId, (row = { nodeId, status: 'pending', attempts: [], pauses: [], waits: [] }));
    return row;
  };

  for (const event of events) {
    if (event.runId !== runId) continue;
    lastAt = event.ts;
    if (event.type === 'run.started' || event.type === 'run.resumed') {
      startedAt ??= event.ts;
      status = 'running';
      continue;
    }
    if (event.type === 'run.waiting') {
      status = 'waiting';
      continue;
    }
    if (event.type === 'run.finished') {
      status = event.status;
      for (const row of rows.values()) {
        closeAll(row, event.ts);
        // Cancelled while held at a pause: the node never started (the engine counts it pending too).
        if (row.status === 'paused') row.status = 'pending';
      }
      continue;
    }
    if (!('nodeId' in event)) continue;
    const row = rowOf(event.nodeId);
    switch (event.type) {
      case 'node.queued':
        row.queuedAt ??= event.ts;
        row.status = 'queued';
        break;
      case 'node.paused':
        row.pauses.push({ from: event.ts });
        row.status = 'paused';
        break;
      case 'node.override':
        close(row.pauses, event.ts);
        break;
      case 'node.started':
        close(row.pauses, event.ts);
        row.attempts.push({ attempt: event.attempt, from: event.ts });
        row.status = 'running';
        break;
      case 'node.retry':
      case 'node.error': {
        const attempt = openAttempt(row, event.attempt);
        if (attempt !== undefined) {
          attempt.to ??= event.ts;
          attempt.error = { code: event.error.code, message: event.error.message };
        }
        break;
      }
      case 'node.waiting':
        close(row.attempts, event.ts);
        row.waits.push({ from: event.ts });
        row.status = 'waiting';
        break;
      case 'node.decision':
        close(row.waits, event.ts);
        row.status = 'pending';
        row.decision = event.decision.decision;
        break;
      case 'node.finished':
        close(row.attempts, event.ts);
        row.endedAt = event.ts;
        row.status = event.status;
        row.emitted = Object.keys(event.outputs);
        break;
      case 'node.reused':
        row.endedAt = event.ts;
        row.reusedFrom = event.from;
        row.status = 'reused';
        break;
      case 'node.skipped':
        close(row.pauses, event.ts);
        row.endedAt = event.ts;
        row.skippedReason = event.reason;
        row.status = 'skipped';
        break;
      default:
        break;
    }
  }
  if (startedAt === undefined) warnings.push(`the log of run ${runId} has no run.started event`);
  const first = startedAt ?? events.find((event) => event.runId === runId)?.ts ?? 0;
  return { runId, status, startedAt: first, lastAt: lastAt ?? first, rows: [...rows.values()], warnings };
}

/** The attempt numbered `attempt` if it is still open, else the last open one. */
function openAttempt(row: TimelineRow, attempt: number): Attempt | undefined {
  const open = row.attempts.filter((span) => span.to === undefined);
  return open.findLast((span) => span.attempt === attempt) ?? open.at(-1) ?? row.attempts.findLast((span) => span.attempt === attempt);
}

/** Closes the last span of `spans` at `at` if it is open. */
function close(spans: Span[], at: number): void {
  const last = spans.at(-1);
  if (last !== undefined && last.to === undefined) last.to = at;
}

function closeAll(row: TimelineRow, at: number): void {
  for (const spans of [row.attempts, row.pauses, row.waits]) close(spans, at);
}
