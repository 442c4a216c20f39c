import type { ErrorInfo } from '../errors/operon-error.ts';
import type { ApprovalRequest, Decision } from '../nodes/define-node-type.ts';
import type { Workflow } from '../workflow/schema.ts';
import type { EngineEvent, RunTotals } from './events.ts';

/** What starts (or resumes) a run. */
export interface RunRequest {
  workflow: Workflow;
  inputs: Record<string, unknown>;
  trigger: { type: string; by?: string };
  /** Given by the host when it must know the id before the run starts; otherwise the engine makes one. */
  runId?: string;
  /** Where the workflow came from (a path), to resolve its sub-workflow references. */
  workflowRef?: string;
  /** Turn the result cache on for every node in this run (nodes can also opt in one by one). */
  cache?: boolean;
  /** Aborting it cancels the run: running nodes get the abort, finished ones are kept. */
  signal?: AbortSignal;
  /**
   * Receives every event of this run, and of its child runs (sub-workflows: their `run.started` names the parent),
   * in order. Must not throw; it is called synchronously on the engine's hot path.
   */
  onEvent: (event: EngineEvent) => void;
  /** Set on a child run: the run and node that called it. */
  parent?: { runId: string; nodeId: string };
  /** Continue a waiting run: the events it logged so far and the decisions to apply now. */
  resume?: { events: EngineEvent[]; decisions: { nodeId: string; decision: Decision }[] };
  /** How deep in sub-workflow calls this run is (0 for a top-level run); deep recursion fails. */
  depth?: number;
}

export type FinalRunStatus = 'succeeded' | 'failed' | 'cancelled' | 'waiting';

export interface PendingApproval {
  nodeId: string;
  request: ApprovalRequest;
}

export interface RunResult {
  runId: string;
  status: FinalRunStatus;
  /** From the Output nodes that ran, by their names. */
  outputs: Record<string, unknown>;
  error?: ErrorInfo;
  totals: RunTotals;
  /** Set when status is waiting. */
  pending: PendingApproval[];
}

export interface RunHandle {
  runId: string;
  result: Promise<RunResult>;
  cancel(reason?: string): void;
}

export interface Engine {
  /** Starts a run of an already validated workflow. Invalid workflows are rejected before anything runs. */
  run(request: RunRequest): RunHandle;
}
