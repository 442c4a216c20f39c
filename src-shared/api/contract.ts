import { z } from 'zod';
import { EngineEventSchema, RunStatusSchema } from '../engine/events.ts';
import { DebugPauseSchema, InboxItemSchema, PinSchema } from './debug-schemas.ts';
import { NodeDiffSchema } from '../run-log/compare-runs-schema.ts';
import { RunTimelineSchema } from '../run-log/timeline-schema.ts';
import { DecisionSchema } from '../nodes/decision.ts';
import { WorkflowSchema } from '../workflow/schema.ts';
import { ProblemSchema } from './errors.ts';
import { ActivationSchema, FiringSchema } from '../triggers/service-schemas.ts';
import {
  ExampleSummarySchema,
  NodeIdSchema,
  NodeTypeInfoSchema,
  ProviderInfoSchema,
  RunIdSchema,
  RunInfoSchema,
  RunListEntrySchema,
  WorkflowIdSchema,
  WorkflowSummarySchema,
  WorkspaceIdSchema,
} from './schemas.ts';
import {
  AuditEntryViewSchema,
  AuditVerdictSchema,
  MemberSchema,
  SecretInfoSchema,
  SecretNameSchema,
  TokenInfoSchema,
  UserNameSchema,
  WhoamiSchema,
} from './access-schemas.ts';
import { RoleSchema } from './permissions.ts';

import { TenantPolicySchema } from '../policy/policy-schema.ts';

/** Every call names its workspace; left out, it is "default". */
const inWorkspace = <S extends z.ZodRawShape>(shape: S) => z.object({ workspace: WorkspaceIdSchema, ...shape });
const call = <I extends z.ZodType, O extends z.ZodType>(input: I, output: O) => ({ input, output });

const Problems = z.array(ProblemSchema);
/** A workflow as stored (its file format), with the validation problems it has now. */
const StoredWorkflow = z.object({ workflow: WorkflowSchema, problems: Problems });

/**
 * The API: each call's input and output, and each pushed event's payload. The Electron preload and `operon serve`
 * expose exactly these; the receiving side always validates (the server its inputs, the client its outputs and events).
 */
export const API_CALLS = {
  /** The workspaces in the data folder ("default" always among them). */
  'workspaces.list': call(inWorkspace({}), z.object({ workspaces: z.array(z.object({ id: z.string() })) })),

  /** The workspace's workflow files, by name. */
  'workflows.list': call(inWorkspace({}), z.object({ workflows: z.array(WorkflowSummarySchema) })),
  /** A workflow file as stored, and the problems validation finds in it. */
  'workflows.open': call(inWorkspace({ id: WorkflowIdSchema }), StoredWorkflow),
  /**
   * Writes the workflow to `<id>.operon.json`. A document that is not the file format is refused; a workflow with
   * validation problems (a draft) is saved and its problems returned, so nothing a person drew is lost.
   */
  'workflows.save': call(inWorkspace({ workflow: WorkflowSchema }), StoredWorkflow.extend({ summary: WorkflowSummarySchema })),
  /** Changes a workflow's display name; its id (and so its file and its runs) stays. */
  'workflows.rename': call(inWorkspace({ id: WorkflowIdSchema, name: z.string().trim().min(1) }), WorkflowSummarySchema),
  /** Deletes the workflow file; its runs stay. */
  'workflows.delete': call(inWorkspace({ id: WorkflowIdSchema }), z.object({ deleted: z.literal(true) })),
  /**
   * Saves workflow file text (an export, or an older file version: it is migrated). Invalid JSON is an OPR-001 error
   * naming the line and column. An id already in use gets a suffix (`-2`, `-3`…) rather than replacing that workflow.
   */
  'workflows.import': call(
    inWorkspace({ text: z.string() }),
    StoredWorkflow.extend({ summary: WorkflowSummarySchema, renamedFrom: z.string().optional() }),
  ),
  /** The canonical file text (serializeWorkflow) and a file name made from the workflow's name. */
  'workflows.export': call(inWorkspace({ id: WorkflowIdSchema }), z.object({ fileName: z.string(), text: z.string() })),
  /** The example workflows shipped with Operon (the start page's gallery). */
  'examples.list': call(inWorkspace({}), z.object({ examples: z.array(ExampleSummarySchema) })),
  /**
   * Copies an example into the workspace (a free id, like an import) with the workflows it calls, and returns the copy:
   * the example itself is never changed.
   */
  'examples.copy': call(inWorkspace({ id: WorkflowIdSchema }), StoredWorkflow.extend({ summary: WorkflowSummarySchema })),
  /** Validates any document, saved or not. */
  'workflows.validate': call(inWorkspace({ workflow: z.unknown() }), z.object({ ok: z.boolean(), problems: Problems })),

  /** Every node type: what the palette lists and the inspector's form is derived from. */
  'nodeTypes.catalogue': call(inWorkspace({}), z.object({ nodeTypes: z.array(NodeTypeInfoSchema) })),

  /** The workspace's configured model providers (names and listed models; never a key): the editor's provider and model pickers. */
  'providers.list': call(inWorkspace({}), z.object({ providers: z.array(ProviderInfoSchema) })),

  /**
   * Starts a run of a saved workflow; `runs.watch` it (from seq 0) to receive its events, those logged before the
   * watch included. An invalid workflow or invalid inputs are an error with problems.
   *
   * A design run (the editor's) passes `pins: true` to use the workflow's pinned outputs. `debug` pauses before each
   * breakpointed node (with none, before the first node: stepping). `from` re-runs a node and everything downstream,
   * reusing a past run's outputs upstream (and its inputs, unless given); `to` runs only a node and what it depends on.
   */
  'runs.start': call(
    inWorkspace({
      workflowId: WorkflowIdSchema,
      inputs: z.record(z.string(), z.unknown()).optional(),
      cache: z.boolean().optional(),
      pins: z.boolean().default(false),
      debug: z.object({ breakpoints: z.array(z.string()).default([]) }).optional(),
      from: z.object({ runId: RunIdSchema, nodeId: z.string() }).optional(),
      to: z.string().optional(),
    }),
    z.object({
      runId: z.string(),
      /** Nodes of a partial run that take the past run's outputs. */
      reused: z.array(z.string()).optional(),
      /** Nodes outside the re-run part that run again anyway, and why (changed since, failed then…). */
      rerun: z.array(z.object({ nodeId: z.string(), reason: z.string() })).optional(),
      /** Run inputs the workflow's inputs schema does not declare (OPR-205): passed on, but probably misspelt. */
      warnings: Problems.optional(),
    }),
  ),
  /**
   * Lets a paused debug run go on: `step` runs the held node and pauses before the next, `continue` runs to the next
   * breakpoint. `inputs` replaces the held node's inputs (logged as a manual override by `by`). OPR-158 when the run is
   * not held at a pause here.
   */
  'runs.resume': call(
    inWorkspace({
      runId: RunIdSchema,
      action: z.enum(['step', 'continue']),
      inputs: z.record(z.string(), z.unknown()).optional(),
      by: z.string().min(1).default('editor'),
    }),
    z.object({ runId: z.string() }),
  ),
  /** Replaces a running debug run's breakpoints (from the next node that starts). OPR-158 when it is not a debug run here. */
  'runs.breakpoints': call(
    inWorkspace({ runId: RunIdSchema, breakpoints: z.array(z.string()) }),
    z.object({ breakpoints: z.array(z.string()) }),
  ),
  /** Cancels a run this server is running; `cancelled` is false when it is not running here. */
  'runs.cancel': call(inWorkspace({ runId: RunIdSchema }), z.object({ cancelled: z.boolean() })),
  /** Records a decision on a waiting run and continues it; its new events stream to the run's watchers. */
  'runs.decide': call(
    inWorkspace({
      runId: RunIdSchema,
      nodeId: z.string().optional(),
      decision: DecisionSchema.shape.decision,
      by: z.string().min(1).default('editor'),
      comment: z.string().optional(),
      value: z.unknown().optional(),
    }),
    z.object({ runId: z.string() }),
  ),
  /**
   * Continues an interrupted run (status running, its process gone) in this server, from its log: finished nodes are
   * not run again, nodes that were queued or running run again. Its new events stream to the run's watchers. OPR-170
   * when the run is not interrupted, OPR-153 when another process holds it.
   */
  'runs.continueInterrupted': call(inWorkspace({ runId: RunIdSchema }), z.object({ runId: z.string() })),
  /**
   * The workspace's runs, newest first; with `workflowId`, that workflow's only; with `status`, those statuses only;
   * `since`/`until` bound the start time (ms since the epoch, inclusive). Damaged run folders are listed unless filtered by status.
   */
  'runs.list': call(
    inWorkspace({
      workflowId: WorkflowIdSchema.optional(),
      status: z.array(RunStatusSchema).optional(),
      since: z.number().optional(),
      until: z.number().optional(),
      limit: z.int().min(1).max(10_000).default(200),
    }),
    z.object({ runs: z.array(RunListEntrySchema) }),
  ),
  /** A run's run.json, and where it is paused when it is a debug run held by this host. */
  'runs.get': call(inWorkspace({ runId: RunIdSchema }), z.object({ run: RunInfoSchema, paused: DebugPauseSchema.optional() })),
  /**
   * Watches one run on this connection: the server replays the run's log from `fromSeq`, then streams its live events,
   * each once and in seq order, as `run.event` (to this connection only, secrets redacted), and ends the watch with
   * `run.watchEnded` when the run finishes. A run that waits (an approval) or was interrupted stays watched: a decision
   * or a continue made anywhere on this server streams on. A connection too slow to read the stream is sent
   * `run.watchEnded` with reason `fellBehind` and `nextSeq`: watch again from there and nothing is lost. Watching a run
   * already watched restarts its stream from `fromSeq`. Only the run's own events: a sub-workflow's run is watched by its id.
   */
  'runs.watch': call(inWorkspace({ runId: RunIdSchema, fromSeq: z.int().nonnegative().default(0) }), z.object({ runId: z.string() })),
  /** Stops streaming a run to this connection; `watching` says whether it was watched. */
  'runs.unwatch': call(inWorkspace({ runId: RunIdSchema }), z.object({ watching: z.boolean() })),
  /** A page of a run's logged events with `seq >= fromSeq`; `nextSeq` is null at the end of the log so far. */
  'runs.events': call(
    inWorkspace({ runId: RunIdSchema, fromSeq: z.int().nonnegative().default(0), limit: z.int().min(1).max(5_000).default(500) }),
    z.object({ events: z.array(EngineEventSchema), nextSeq: z.int().nullable(), warnings: z.array(z.string()) }),
  ),
  /**
   * One node's trace: a page of its logged events (`nodes/<id>.jsonl`), read on demand. Values of 4 KiB or more stay
   * value refs (`{ $ref, bytes }`): fetch them with `runs.value`.
   */
  'runs.trace': call(
    inWorkspace({
      runId: RunIdSchema,
      nodeId: NodeIdSchema,
      fromSeq: z.int().nonnegative().default(0),
      limit: z.int().min(1).max(5_000).default(1_000),
    }),
    z.object({ events: z.array(EngineEventSchema), nextSeq: z.int().nullable(), warnings: z.array(z.string()) }),
  ),
  /** A page of a stored large value's JSON text, from `offset` (characters); `nextOffset` is null at its end. */
  'runs.value': call(
    inWorkspace({
      runId: RunIdSchema,
      ref: z.string(),
      offset: z.int().nonnegative().default(0),
      limit: z.int().min(1).max(4_000_000).default(262_144),
    }),
    z.object({ text: z.string(), bytes: z.int().nonnegative(), nextOffset: z.int().nullable() }),
  ),
  /** Every node's spans in a run (queued, attempts, pauses, waits), for the timeline and for drawing a past run's statuses. */
  'runs.timeline': call(inWorkspace({ runId: RunIdSchema }), RunTimelineSchema),
  /** Which nodes' statuses, inputs or outputs differ between two runs (of the same workflow, usually). */
  'runs.compare': call(
    inWorkspace({ a: RunIdSchema, b: RunIdSchema }),
    z.object({ a: RunListEntrySchema, b: RunListEntrySchema, nodes: z.array(NodeDiffSchema) }),
  ),

  /** Every pending approval of the workspace's waiting runs, oldest first: the approvals inbox. Decide with `runs.decide`. */
  'approvals.list': call(inWorkspace({}), z.object({ approvals: z.array(InboxItemSchema) })),

  /** A workflow's pinned outputs, by node id. Pins live beside the workflow, not in its file: exports never carry them. */
  'pins.list': call(inWorkspace({ workflowId: WorkflowIdSchema }), z.object({ pins: z.record(z.string(), PinSchema) })),
  /** Pins a node's outputs: typed in (`outputs`), or taken from a past run (`fromRunId`; large values resolved). */
  'pins.set': call(
    inWorkspace({
      workflowId: WorkflowIdSchema,
      nodeId: NodeIdSchema,
      outputs: z.record(z.string(), z.unknown()).optional(),
      fromRunId: RunIdSchema.optional(),
      by: z.string().min(1).default('editor'),
    }).refine((input) => (input.outputs === undefined) !== (input.fromRunId === undefined), {
      message: 'give either outputs or fromRunId',
      path: ['outputs'],
    }),
    z.object({ pin: PinSchema }),
  ),
  'pins.remove': call(inWorkspace({ workflowId: WorkflowIdSchema, nodeId: NodeIdSchema }), z.object({ removed: z.boolean() })),

  /** Every workflow of the workspace with trigger nodes: whether it is active, what its triggers listen for, its runs going on. */
  'triggers.list': call(inWorkspace({}), z.object({ workflows: z.array(ActivationSchema) })),
  /**
   * Activates or deactivates a workflow: only an active workflow's triggers listen. Activating a workflow with
   * validation problems is refused with them (OPR-231); deactivating leaves its runs going on and its queue.
   */
  'triggers.setActive': call(
    inWorkspace({ workflowId: WorkflowIdSchema, active: z.boolean(), by: z.string().min(1).default('editor') }),
    z.object({ activation: ActivationSchema }),
  ),
  /** The workspace's firing log, newest first: every firing of every trigger and what came of it. */
  'triggers.log': call(
    inWorkspace({
      workflowId: WorkflowIdSchema.optional(),
      before: z.number().optional(),
      limit: z.int().min(1).max(1_000).default(100),
    }),
    z.object({ firings: z.array(FiringSchema) }),
  ),
  /** Who this connection acts as: the user, the role in this workspace, and every workspace it may enter. */
  'session.whoami': call(inWorkspace({}), WhoamiSchema),
  /** The workspace's members (users of access.json with a role here), by name. */
  'members.list': call(inWorkspace({}), z.object({ members: z.array(MemberSchema) })),
  /** Gives a user a role here (adding the user when new). The last owner cannot be made something else (OPR-290). */
  'members.set': call(inWorkspace({ user: UserNameSchema, role: RoleSchema }), z.object({ member: MemberSchema, created: z.boolean() })),
  /** Takes a user's role here away (their role elsewhere stays). The last owner cannot be removed (OPR-290). */
  'members.remove': call(inWorkspace({ user: UserNameSchema }), z.object({ removed: z.literal(true) })),
  /** The API tokens of the workspace's members: ids, users, labels and when made; never a secret or a hash. */
  'tokens.list': call(inWorkspace({}), z.object({ tokens: z.array(TokenInfoSchema) })),
  /**
   * A new token for a member: `token` is given this once and stored only as its SHA-256. It acts as the user in every
   * workspace the user has a role in.
   */
  'tokens.create': call(
    inWorkspace({ user: UserNameSchema, label: z.string().trim().min(1).max(80).optional() }),
    TokenInfoSchema.extend({ token: z.string() }),
  ),
  /** Revokes a member's token: connections offering it are refused from then on. */
  'tokens.revoke': call(inWorkspace({ id: z.string().regex(/^[0-9a-f]{12}$/) }), z.object({ revoked: z.literal(true) })),
  /** The workspace's stored secrets: names and when they changed; no call ever returns a value. */
  'secrets.list': call(inWorkspace({}), z.object({ secrets: z.array(SecretInfoSchema) })),
  /** Stores (or replaces) a secret's value, sealed. The value goes to the server only: never pushed, logged or returned. */
  'secrets.set': call(
    inWorkspace({ name: SecretNameSchema, value: z.string().min(1) }),
    z.object({ secret: SecretInfoSchema, created: z.boolean() }),
  ),
  /** Deletes a stored secret. */
  'secrets.delete': call(inWorkspace({ name: SecretNameSchema }), z.object({ deleted: z.literal(true) })),
  /**
   * The audit trail, newest first: entries at or after `since` and at or before `until` (ms), before entry `before`
   * (seq, for the next page), at most `limit`. `more` says whether older entries match.
   */
  'audit.list': call(
    inWorkspace({
      since: z.number().optional(),
      until: z.number().optional(),
      before: z.int().min(1).optional(),
      limit: z.int().min(1).max(1000).default(200),
      actions: z.array(z.string()).optional(),
    }),
    z.object({ entries: z.array(AuditEntryViewSchema), more: z.boolean() }),
  ),
  /** Checks the trail's hash chain: ok, or the first bad line and how it is bad. */
  'audit.verify': call(inWorkspace({}), AuditVerdictSchema),
  /** The trail (oldest first) as a file for compliance reviews: JSONL as stored, or CSV. */
  'audit.export': call(
    inWorkspace({ format: z.enum(['jsonl', 'csv']), since: z.number().optional(), until: z.number().optional() }),
    z.object({ fileName: z.string(), text: z.string() }),
  ),
  /** The workspace's policy (docs/policies.md), or null when it has none (the one-person local setup: nothing is checked). */
  'policy.get': call(inWorkspace({}), z.object({ policy: TenantPolicySchema.nullable() })),
  /** Replaces the workspace's policy (owners only); recorded in the audit trail as policy.changed. Applies to the next run. */
  'policy.set': call(inWorkspace({ policy: TenantPolicySchema }), z.object({ policy: TenantPolicySchema })),
} as const;

/** Every event the server pushes. */
export const API_EVENTS = {
  /**
   * One engine event of a run this connection watches (`runs.watch`), in seq order, each once, secrets redacted.
   * Streamed tokens (`node.partial`) arrive coalesced by the engine.
   */
  'run.event': z.object({ workspace: z.string(), runId: z.string(), event: EngineEventSchema }),
  /**
   * A watch ended. `finished`: the run ended (its `run.finished` was the last `run.event`). `fellBehind`: this
   * connection did not read the stream fast enough and the server stopped buffering it; `runs.watch` again from
   * `nextSeq` to get every event after the last one delivered.
   */
  'run.watchEnded': z.object({
    workspace: z.string(),
    runId: z.string(),
    reason: z.enum(['finished', 'fellBehind']),
    /** The seq after the last event delivered to this connection. */
    nextSeq: z.int().nonnegative(),
  }),
  /** A run started, waited, continued or ended: lists of runs should refresh. */
  'runs.changed': z.object({ workspace: z.string(), runId: z.string(), workflowId: z.string(), status: RunStatusSchema }),
  /**
   * The desktop app's engine host, which serves this workspace, stopped unexpectedly and was started again; pushed by
   * the Electron main process, once for each workspace this connection called (`operon serve` never sends it: there a
   * reconnect says the same). This connection's watches ended with the old host: watch again from each view's next
   * seq. The runs it was carrying out stopped part way and are interrupted (`runs.continueInterrupted` continues them).
   */
  'host.restarted': z.object({ workspace: z.string(), reason: z.string() }),
  /** A trigger fired (or a queued firing started its run): the firing log's new line. To every connection. */
  'triggers.fired': z.object({ workspace: z.string(), firing: FiringSchema }),
  /** A workflow was activated or deactivated (from any client or the CLI's service). To every connection. */
  'triggers.changed': z.object({ workspace: z.string(), activation: ActivationSchema }),
} as const;

export type ApiCalls = typeof API_CALLS;
export type CallName = keyof ApiCalls;
/** What a caller passes (defaults may be left out). */
export type CallInput<N extends CallName> = z.input<ApiCalls[N]['input']>;
/** The input as the server sees it, defaults filled in. */
export type ParsedCallInput<N extends CallName> = z.output<ApiCalls[N]['input']>;
export type CallOutput<N extends CallName> = z.output<ApiCalls[N]['output']>;

export type ApiEvents = typeof API_EVENTS;
export type EventName = keyof ApiEvents;
export type EventPayload<E extends EventName> = z.output<ApiEvents[E]>;

export const CALL_NAMES = Object.keys(API_CALLS) as CallName[];
export const EVENT_NAMES = Object.keys(API_EVENTS) as EventName[];

export function isCallName(name: string): name is CallName {
  return Object.hasOwn(API_CALLS, name);
}

export function isEventName(name: string): name is EventName {
  return Object.hasOwn(API_EVENTS, name);
}
