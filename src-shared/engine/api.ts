import type { ErrorInfo } from '../errors/operon-error.ts';
import type { ApprovalRequest, Decision } from '../nodes/decision.ts';
import type { Workflow } from '../workflow/schema.ts';
import type { EngineEvent, ReuseSource, RunTotals, Trigger } from './events.ts';

/** What starts (or resumes) a run. */
export interface RunRequest {
  workflow: Workflow;
  inputs: Record<string, unknown>;
  /** What started the run; one naming a trigger node runs that trigger with its payload and skips the others. */
  trigger: Trigger;
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
  /**
   * Resolves once every event of run `runId` given to `onEvent` so far is stored (the host's run log on disk). When set,
   * the engine waits for it before the first node starts (so the run's record exists before any side effect), before a
   * node that acts outside the run acts (its start and everything before it stored), and after such a node (or one
   * that waits for a person) settles, before the nodes downstream of it start. A pure node's record is stored with the
   * next of those writes or at the run's end. A rejection fails the run with its error (OPR-110 for a write failure)
   * and no further node starts. Child runs get the same function.
   */
  persist?: (runId: string) => Promise<void>;
  /** Set on a child run: the run and node that called it. */
  parent?: { runId: string; nodeId: string };
  /** Continue a waiting run: the events it logged so far and the decisions to apply now. */
  resume?: { events: EngineEvent[]; decisions: { nodeId: string; decision: Decision }[] };
  /** How deep in sub-workflow calls this run is (0 for a top-level run); deep recursion fails. */
  depth?: number;
  /** A debug run: asked before each node starts whether to pause there (breakpoints, stepping). See modes/debug-session.ts. */
  debug?: DebugGate;
  /**
   * Nodes settled before anything runs, without running: pinned outputs, or a past run's outputs upstream of a
   * partial run (see modes/partial-run.ts). Their targets take these outputs as if they had run.
   */
  reuse?: ReadonlyMap<string, ReusedNode>;
  /** Only these nodes may run (run to a node): the others are skipped, with `outsideReason`. */
  only?: { nodes: ReadonlySet<string>; outsideReason: string };
  /** Recorded in run.started: what this partial run re-runs. */
  partial?: { fromRunId?: string; fromNode?: string; toNode?: string };
}

/** A node a run does not execute: the outputs it settles with instead, and where they came from. */
export interface ReusedNode {
  outputs: Record<string, unknown>;
  from: ReuseSource;
  /** The outputs are a handled error's (its error port, or its fallback). */
  errorHandled?: 'route' | 'continue';
}

/** Where a debug run may pause: before a node starts. */
export interface DebugPause {
  nodeId: string;
  reason: 'breakpoint' | 'step';
  /** The inputs the node would start with. */
  inputs: Record<string, unknown>;
}

/** What a person decided at a pause: go on, optionally with edited inputs (a manual override, logged with who made it). */
export interface DebugRelease {
  override?: { inputs: Record<string, unknown>; by: string };
}

/** The engine's side of a debugger: whether to pause before a node, and waiting for a person there. */
export interface DebugGate {
  /** Called as a ready node is about to start; a reason pauses the run there. */
  pauseBefore(nodeId: string): 'breakpoint' | 'step' | undefined;
  /**
   * Holds the paused node until a person steps or continues. While it waits no other node starts (running ones
   * finish). Rejects when `signal` aborts (the run is cancelled).
   */
  wait(pause: DebugPause, signal: AbortSignal): Promise<DebugRelease>;
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
