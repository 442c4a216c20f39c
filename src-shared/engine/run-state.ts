import type { ErrorInfo } from '../errors/operon-error.ts';
import type { ApprovalRequest, Decision } from '../nodes/decision.ts';
import type { EngineEvent, NodeStatus } from './events.ts';
import { addLlmCall, emptyLlmTotals, type LlmTotals } from './llm-totals.ts';

/** What the engine knows about one node in a run. */
export interface NodeState {
  status: NodeStatus;
  /** Emitted output ports (only once settled). */
  outputs: Record<string, unknown>;
  /** The inputs of its last attempt. */
  inputs: Record<string, unknown> | undefined;
  errorHandled: 'route' | 'continue' | undefined;
  error: ErrorInfo | undefined;
  request: ApprovalRequest | undefined;
  decision: Decision | undefined;
  /**
   * The attempt the node starts at when it next runs (1 unless a resumed run continues an interrupted or retrying
   * node: the same attempt number keeps its Idempotency-Key).
   */
  nextAttempt: number;
  /** Replayed: the attempt that had started and not ended when the process died (its side effect may have happened). */
  interrupted: number | undefined;
}

export const SETTLED: ReadonlySet<NodeStatus> = new Set(['succeeded', 'failed', 'skipped', 'cached', 'reused']);

export function newNodeState(): NodeState {
  return {
    status: 'pending',
    outputs: {},
    inputs: undefined,
    errorHandled: undefined,
    error: undefined,
    request: undefined,
    decision: undefined,
    nextAttempt: 1,
    interrupted: undefined,
  };
}

/** The state a run had reached, rebuilt from its logged events, to resume it. */
export interface ReplayedRun {
  nodes: Map<string, NodeState>;
  lastSeq: number;
  executions: number;
  startedAt: number;
  inputs: Record<string, unknown>;
  llmTotals: LlmTotals;
  /** Each node's model use so far: what it spent and how many calls it made (for call ids and guards). */
  nodeLlm: Map<string, NodeLlmUse>;
}

export interface NodeLlmUse {
  calls: number;
  tokens: number;
  costUsd: number;
  /** Distinct calls so far (retries of one call share its id): the next call id is `<node>#<callIds + 1>`. */
  callIds: number;
}

export function emptyNodeLlmUse(): NodeLlmUse {
  return { calls: 0, tokens: 0, costUsd: 0, callIds: 0 };
}

/** Adds one `node.llm` event to a node's use. */
export function addNodeLlmCall(
  use: NodeLlmUse,
  event: { callId: string; cached: boolean; usage: { totalTokens: number } | null; costUsd: number | null },
): void {
  const number = Number(event.callId.slice(event.callId.lastIndexOf('#') + 1));
  if (Number.isInteger(number)) use.callIds = Math.max(use.callIds, number);
  if (event.cached) return;
  use.calls++;
  use.tokens += event.usage?.totalTokens ?? 0;
  use.costUsd += event.costUsd ?? 0;
}

/**
 * Rebuilds node states from a run's events. Finished, skipped and waiting nodes keep their state;
 * nodes that were queued or running when the process stopped go back to pending and run again. A node whose last
 * attempt had started and not ended is marked `interrupted` (the engine applies its type's policy); one waiting to
 * retry continues with its next attempt.
 */
export function replayEvents(nodeIds: readonly string[], events: readonly EngineEvent[]): ReplayedRun {
  const nodes = new Map(nodeIds.map((id) => [id, newNodeState()]));
  let lastSeq = -1;
  let executions = 0;
  let startedAt = 0;
  let inputs: Record<string, unknown> = {};
  const llmTotals = emptyLlmTotals();
  const nodeLlm = new Map<string, NodeLlmUse>();
  /** Per node: the last attempt started, and whether it is still open (no retry, error, finish or wait after it). */
  const open = new Map<string, { attempt: number; running: boolean }>();
  for (const event of events) {
    lastSeq = Math.max(lastSeq, event.seq);
    if (event.type === 'run.started') {
      startedAt = event.ts;
      inputs = event.inputs;
      continue;
    }
    if (!('nodeId' in event)) continue;
    const state = nodes.get(event.nodeId);
    if (state === undefined) continue;
    switch (event.type) {
      case 'node.started':
        if (event.attempt === 1) executions++;
        state.inputs = event.inputs;
        open.set(event.nodeId, { attempt: event.attempt, running: true });
        break;
      case 'node.retry':
        open.set(event.nodeId, { attempt: event.attempt, running: false });
        break;
      case 'node.error':
        state.error = event.error;
        break;
      case 'node.skipped':
        state.status = 'skipped';
        open.delete(event.nodeId);
        break;
      case 'node.waiting':
        open.delete(event.nodeId);
        state.status = 'waiting';
        state.request = event.request;
        state.decision = undefined;
        break;
      case 'node.llm': {
        addLlmCall(llmTotals, event);
        const use = nodeLlm.get(event.nodeId) ?? emptyNodeLlmUse();
        addNodeLlmCall(use, event);
        nodeLlm.set(event.nodeId, use);
        break;
      }
      case 'node.decision':
        state.decision = event.decision;
        break;
      case 'node.reused':
        state.status = 'reused';
        state.outputs = event.outputs;
        state.errorHandled = event.errorHandled;
        break;
      case 'node.override':
        state.inputs = event.inputs;
        break;
      case 'node.finished':
        open.delete(event.nodeId);
        state.status = event.status;
        state.outputs = event.outputs;
        state.errorHandled = event.errorHandled;
        break;
      default:
        break;
    }
  }
  for (const [nodeId, last] of open) {
    const state = nodes.get(nodeId)!;
    if (last.running) state.interrupted = state.nextAttempt = last.attempt;
    else state.nextAttempt = last.attempt + 1;
  }
  return { nodes, lastSeq, executions, startedAt, inputs, llmTotals, nodeLlm };
}
