import type { ErrorInfo } from '../errors/operon-error.ts';
import { emptyLlmTotals, type LlmTotals } from './llm-totals.ts';
import { newNodeState, type NodeLlmUse, type NodeState, type ReplayedRun } from './run-state.ts';

/** A node found ready to run, waiting for a free slot (settings.concurrency). */
export interface QueuedNode {
  id: string;
  inputs: Record<string, unknown>;
  /** A debug run paused before it and a person let it go: it does not pause again. */
  released?: boolean;
}

/**
 * Everything that changes while a run is scheduled (run-execution.ts), in one place: each node's state, the queue
 * of ready nodes and the slots in use, the event numbering, the counters the run limits check, and what the run
 * has produced so far. A resumed run starts from what its log replayed.
 */
export interface SchedulerState {
  /** Each node's state, by id. */
  readonly nodes: Map<string, NodeState>;
  /** The next event's `seq`. */
  seq: number;
  /** Node attempts started so far, against settings.maxNodeExecutions. */
  executions: number;
  /** The first error that failed the run (bad run inputs, a node error not handled, a run limit). */
  failure: ErrorInfo | undefined;
  /** Nodes found ready, in order; those before `queueHead` have started. */
  readonly queue: QueuedNode[];
  queueHead: number;
  /** Nodes running now. */
  running: number;
  /** A debug run is held before a node: nothing else starts until a person lets it go. */
  paused: boolean;
  /** When the scheduler last gave the event loop back (it does every YIELD_EVERY_MS), and whether it is doing so now. */
  lastYield: number;
  yielding: boolean;
  /** The run's outputs, by output node name, as output nodes settle. */
  readonly outputs: Record<string, unknown>;
  /** The run's model calls, tokens and cost. */
  readonly llmTotals: LlmTotals;
  /** Each node's model use, for call ids and its guards. */
  readonly nodeLlm: Map<string, NodeLlmUse>;
}

/** The scheduler state of a new run over `nodeIds`, or of a resumed run from its replayed log. */
export function createSchedulerState(nodeIds: readonly string[], replayed: ReplayedRun | undefined, now: number): SchedulerState {
  return {
    nodes: replayed?.nodes ?? new Map(nodeIds.map((id) => [id, newNodeState()])),
    seq: (replayed?.lastSeq ?? -1) + 1,
    executions: replayed?.executions ?? 0,
    failure: undefined,
    queue: [],
    queueHead: 0,
    running: 0,
    paused: false,
    lastYield: now,
    yielding: false,
    outputs: {},
    llmTotals: replayed?.llmTotals ?? emptyLlmTotals(),
    nodeLlm: replayed?.nodeLlm ?? new Map<string, NodeLlmUse>(),
  };
}
