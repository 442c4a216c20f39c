import type { RunResult } from '../../../src-shared/engine/api.ts';
import type { Firing, TriggerKind } from '../../../src-shared/triggers/service-schemas.ts';
import type { Workflow, WorkflowNode } from '../../../src-shared/workflow/schema.ts';

/**
 * The seams of the trigger service (issue 13). Sources (schedule, file watch, webhook routes, workflow finished) listen
 * for what they know and call the {@link TriggerDispatcher}; the dispatcher applies the workflow's overlap policy,
 * starts (or queues, or skips) the run through the host, and logs the firing. In queue mode (BullMQ, later) only the
 * dispatcher's way of starting a run changes.
 */

/** One firing of one trigger node of an active workflow. */
export interface FireRequest {
  workspace: string;
  workflowId: string;
  nodeId: string;
  kind: TriggerKind;
  /** What the trigger node emits (JSON-safe): the request, the tick, the file, the finished run. */
  payload: Record<string, unknown>;
}

/** A run a firing started (at once, or later from the queue). */
export interface StartedRun {
  runId: string;
  result: Promise<RunResult>;
}

/** What came of a firing: its log line, and the run when one started or will start from the queue. */
export interface FireResult {
  firing: Firing;
  /** Set for outcomes `started` (resolved) and `queued` (resolves when the run starts; rejects if it never does). */
  run?: Promise<StartedRun>;
}

export interface TriggerDispatcher {
  /** Never throws for a refusal: a firing that starts no run says why in `firing.outcome` and `firing.reason`. */
  fire(request: FireRequest): Promise<FireResult>;
}

/** A trigger node of an active workflow, as a source gets it. */
export interface ListenedTrigger {
  workspace: string;
  workflow: Workflow;
  node: WorkflowNode;
  /** The node's config, parsed by its type (defaults filled in). */
  config: Record<string, unknown>;
}

/** What a source says about one trigger it listens to (merged into `triggers.list`). */
export interface TriggerStatus {
  /** Schedule: the next fire time (ms). */
  next?: number;
  /** Webhook: its path on the serving host. */
  path?: string;
  /** File watch: the folder, relative to the files folder. */
  folder?: string;
  /** Why it could not start listening; the other triggers still listen. */
  problem?: string;
}

/** Listens for one kind of trigger for every active workflow of every workspace it is given. */
export interface TriggerSource {
  kind: TriggerKind;
  /**
   * Listens to exactly these triggers of one workflow from now on (an empty list stops listening to it): called on
   * activation, on deactivation (empty), and when an active workflow is saved. Never throws: a trigger that cannot
   * listen reports it through {@link status}.
   */
  listen(workspace: string, workflowId: string, triggers: ListenedTrigger[]): Promise<void>;
  status(workspace: string, workflowId: string, nodeId: string): TriggerStatus;
  /** Stops listening to everything (timers cleared, watchers closed). */
  close(): Promise<void>;
}
