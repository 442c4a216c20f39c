import type { TimelineRow } from '../../../src-shared/run-log/timeline-schema.ts';
import type { EngineEvent, EventOf, RunStatus } from '../../../src-shared/engine/events.ts';
import type { ErrorInfo } from '../../../src-shared/errors/operon-error.ts';
import { buildTimeline } from '../../../src-shared/run-log/timeline.ts';

type Inputs = Record<string, unknown>;

/** One attempt of a node: the inputs it started with, when it ran, and how it ended. */
export interface AttemptTrace {
  attempt: number;
  startedAt: number;
  endedAt?: number;
  inputs: Inputs;
  /** retried: a retryable error, another attempt followed; failed: the node failed for good. */
  outcome: 'running' | 'retried' | 'failed' | 'succeeded' | 'cached' | 'waiting';
  error?: ErrorInfo;
  /** The wait before the next attempt (retried attempts). */
  retryDelayMs?: number;
}

/** An approval the node asked for, and the decision when there is one. */
export interface ApprovalTrace {
  request: EventOf<'node.waiting'>['request'];
  waitingAt: number;
  decision?: EventOf<'node.decision'>['decision'];
}

/** Everything a node's trace shows, grouped from its logged events (`runs.trace`), in log order within each group. */
export interface NodeTrace {
  /** The node's timeline row (status, queue time, spans); undefined when no event concerns it. */
  row: TimelineRow | undefined;
  /** The inputs it ran with: the last attempt's (resolved), else an override's, else a debug pause's. */
  inputs?: Inputs;
  inputsFrom?: 'attempt' | 'override' | 'pause';
  /** Its outputs: finished or reused. */
  outputs?: Record<string, unknown>;
  attempts: AttemptTrace[];
  finished?: EventOf<'node.finished'>;
  failure?: EventOf<'node.error'>;
  reused?: EventOf<'node.reused'>;
  skipped?: EventOf<'node.skipped'>;
  llm: EventOf<'node.llm'>[];
  tools: EventOf<'node.tool'>[];
  memory: EventOf<'node.memory'>[];
  approvals: ApprovalTrace[];
  overrides: EventOf<'node.override'>[];
  pauses: EventOf<'node.paused'>[];
  logs: EventOf<'node.log'>[];
}

/** Groups one node's events into its trace. Events of other nodes or other runs than the first event's are left out. */
export function buildNodeTrace(nodeId: string, events: readonly EngineEvent[]): NodeTrace {
  const runId = events[0]?.runId;
  const own = events.filter((event) => event.runId === runId && 'nodeId' in event && event.nodeId === nodeId);
  const trace: NodeTrace = {
    row: runId === undefined ? undefined : buildTimeline(runId, own).rows.find((row) => row.nodeId === nodeId),
    attempts: [],
    llm: [],
    tools: [],
    memory: [],
    approvals: [],
    overrides: [],
    pauses: [],
    logs: [],
  };
  const current = () => trace.attempts.at(-1);
  for (const event of own) {
    switch (event.type) {
      case 'node.started':
        trace.attempts.push({ attempt: event.attempt, startedAt: event.ts, inputs: event.inputs, outcome: 'running' });
        trace.inputs = event.inputs;
        trace.inputsFrom = 'attempt';
        break;
      case 'node.retry':
        settle(current(), event.ts, 'retried', event.error, event.delayMs);
        break;
      case 'node.error':
        settle(current(), event.ts, 'failed', event.error);
        trace.failure = event;
        break;
      case 'node.waiting':
        settle(current(), event.ts, 'waiting');
        trace.approvals.push({ request: event.request, waitingAt: event.ts });
        break;
      case 'node.decision': {
        const open = trace.approvals.findLast((approval) => approval.decision === undefined);
        if (open === undefined)
          trace.approvals.push({ request: { title: 'Approval', message: '' }, waitingAt: event.ts, decision: event.decision });
        else open.decision = event.decision;
        break;
      }
      case 'node.finished': {
        const last = current();
        if (last !== undefined && (last.outcome === 'running' || last.outcome === 'waiting')) {
          last.endedAt ??= event.ts;
          last.outcome = event.status === 'cached' ? 'cached' : event.status;
        }
        trace.finished = event;
        trace.outputs = event.outputs;
        break;
      }
      case 'node.reused':
        trace.reused = event;
        trace.outputs = event.outputs;
        break;
      case 'node.skipped':
        trace.skipped = event;
        break;
      case 'node.override':
        trace.overrides.push(event);
        trace.inputs = event.inputs;
        trace.inputsFrom = 'override';
        break;
      case 'node.paused':
        trace.pauses.push(event);
        if (trace.inputsFrom === undefined || trace.inputsFrom === 'pause') {
          trace.inputs = event.inputs;
          trace.inputsFrom = 'pause';
        }
        break;
      case 'node.llm':
        trace.llm.push(event);
        break;
      case 'node.tool':
        trace.tools.push(event);
        break;
      case 'node.memory':
        trace.memory.push(event);
        break;
      case 'node.log':
        trace.logs.push(event);
        break;
      default:
        // node.queued is in the row; node.partial is streamed text the outputs hold whole.
        break;
    }
  }
  return trace;
}

/**
 * The trace as the run on the canvas stands (`runStatus`, the editor store's): a node's own log has no `run.finished`,
 * so a node still held at a pause when its run ended (cancelled while paused) never started: pending.
 */
export function settledTrace(trace: NodeTrace, runStatus: RunStatus | 'idle'): NodeTrace {
  const ended = runStatus === 'succeeded' || runStatus === 'failed' || runStatus === 'cancelled';
  if (!ended || trace.row?.status !== 'paused') return trace;
  return { ...trace, row: { ...trace.row, status: 'pending' } };
}

function settle(attempt: AttemptTrace | undefined, at: number, outcome: AttemptTrace['outcome'], error?: ErrorInfo, delayMs?: number) {
  if (attempt === undefined) return;
  attempt.endedAt ??= at;
  attempt.outcome = outcome;
  if (error !== undefined) attempt.error = error;
  if (delayMs !== undefined) attempt.retryDelayMs = delayMs;
}
