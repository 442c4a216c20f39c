import { z } from 'zod';
import { ERROR_CATALOGUE, type ErrorCode } from '../errors/catalogue.ts';
import { ApprovalRequestSchema, DecisionSchema, ToolApprovalSchema } from '../nodes/decision.ts';

const ErrorCodeSchema = z.custom<ErrorCode>((value) => typeof value === 'string' && value in ERROR_CATALOGUE, 'unknown error code');

export const ErrorInfoSchema = z.object({
  code: ErrorCodeSchema,
  message: z.string(),
  nodeId: z.string().optional(),
  retryable: z.boolean().optional(),
  details: z.record(z.string(), z.unknown()).optional(),
  stack: z.string().optional(),
});

/** A run's status; `queued` only in queue mode (issue 17): accepted and waiting for a worker, nothing run yet. */
export const RunStatusSchema = z.enum(['queued', 'running', 'waiting', 'succeeded', 'failed', 'cancelled']);
export type RunStatus = z.infer<typeof RunStatusSchema>;

/** A node's status in a run, as the canvas and the CLI show it. */
export const NodeStatusSchema = z.enum([
  'pending',
  'queued',
  /** Held before it starts by a debug run (a breakpoint, or stepping). */
  'paused',
  'running',
  'waiting',
  'succeeded',
  'failed',
  'skipped',
  'cached',
  /** Not run: its outputs came from a pin or from a past run (a partial run). */
  'reused',
]);
export type NodeStatus = z.infer<typeof NodeStatusSchema>;

export { TriggerSchema, type Trigger } from '../nodes/trigger-record.ts';
import { TriggerSchema } from '../nodes/trigger-record.ts';

export const UsageSchema = z.object({ promptTokens: z.number(), completionTokens: z.number(), totalTokens: z.number() });

export const TotalsSchema = z.object({
  /** Model calls made (cache hits not counted), their tokens and cost; cost is null when a model had no price. */
  llm: z
    .object({ calls: z.number(), cachedCalls: z.number(), tokens: UsageSchema, costUsd: z.number(), unpricedCalls: z.number() })
    .optional(),
  nodes: z.number(),
  succeeded: z.number(),
  /** Failed nodes, those stopped by a cancel (OPR-104) left out: they are counted in `cancelled`. */
  failed: z.number(),
  /** Nodes the run's cancel stopped while they ran (absent in logs written before it was counted apart). */
  cancelled: z.number().optional(),
  skipped: z.number(),
  cached: z.number(),
  /** Nodes settled with pinned outputs or a past run's outputs instead of running (absent in logs before partial runs). */
  reused: z.number().optional(),
  executions: z.number(),
  durationMs: z.number(),
});
export type RunTotals = z.infer<typeof TotalsSchema>;

/** Where a reused node's outputs came from: a pin on the node, or the same node in a past run. */
export const ReuseSourceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('pin') }),
  z.object({ kind: z.literal('run'), runId: z.string() }),
]);
export type ReuseSource = z.infer<typeof ReuseSourceSchema>;

/** What a partial run re-runs: from a node (with a past run's outputs upstream) and/or up to a node. */
export const PartialRunSchema = z.object({
  fromRunId: z.string().optional(),
  fromNode: z.string().optional(),
  toNode: z.string().optional(),
});

const base = { seq: z.int().nonnegative(), ts: z.number(), runId: z.string() };
const nodeBase = { ...base, nodeId: z.string() };

/**
 * Every event the engine emits, in order, numbered by `seq` within a run. The run log on disk is these
 * events written down; the CLI's progress view, the editor's live statuses and the tests all read them.
 */
export const EngineEventSchema = z.discriminatedUnion('type', [
  /** A run began: the workflow it runs (by hash), its trigger and inputs. */
  z.object({
    ...base,
    type: z.literal('run.started'),
    workflowId: z.string(),
    workflowHash: z.string(),
    trigger: TriggerSchema,
    inputs: z.record(z.string(), z.unknown()),
    parent: z.object({ runId: z.string(), nodeId: z.string() }).optional(),
    /** A debug run: it pauses at breakpoints and when stepping. */
    debug: z.boolean().optional(),
    /** A partial run (run from / to a node). */
    partial: PartialRunSchema.optional(),
  }),
  /** A run continues in this process from its log: a waiting run after a decision, or an interrupted one (its process died). */
  z.object({ ...base, type: z.literal('run.resumed') }),
  /**
   * On resume: the node was running (attempt `attempt` started, not finished) when the run's process died, so its side
   * effect may have happened. `policy` is its type's declared answer: `rerun` and `resend` run it again as the same
   * attempt (a resend carries the same Idempotency-Key), `ask` makes it wait for a person (a node.waiting follows).
   */
  z.object({
    ...nodeBase,
    type: z.literal('node.interrupted'),
    attempt: z.int().positive(),
    policy: z.enum(['rerun', 'resend', 'ask']),
  }),
  /** The node's inputs are all settled; it waits for a concurrency slot. */
  z.object({ ...nodeBase, type: z.literal('node.queued') }),
  /** A debug run holds the node before it starts, with the inputs it would start with, until a person continues or steps. */
  z.object({
    ...nodeBase,
    type: z.literal('node.paused'),
    reason: z.enum(['breakpoint', 'step']),
    inputs: z.record(z.string(), z.unknown()),
  }),
  /** A person replaced a paused node's inputs (a manual override); the node starts with these. */
  z.object({ ...nodeBase, type: z.literal('node.override'), inputs: z.record(z.string(), z.unknown()), by: z.string() }),
  /**
   * The node did not run: its outputs were pinned, or taken from a past run (upstream of a partial run). Its targets
   * take these outputs as if it had run.
   */
  z.object({
    ...nodeBase,
    type: z.literal('node.reused'),
    outputs: z.record(z.string(), z.unknown()),
    from: ReuseSourceSchema,
    errorHandled: z.enum(['route', 'continue']).optional(),
  }),
  /** An attempt began with these resolved inputs. */
  z.object({ ...nodeBase, type: z.literal('node.started'), attempt: z.int().positive(), inputs: z.record(z.string(), z.unknown()) }),
  /**
   * One model call (or one cache hit): the request sent, the answer or the error, tokens, cost, latency.
   * Each retry and each fallback model is its own event, so the log answers "what did the model see and say?".
   */
  z.object({
    ...nodeBase,
    type: z.literal('node.llm'),
    callId: z.string(),
    provider: z.string(),
    model: z.string(),
    attempt: z.int().positive(),
    request: z.record(z.string(), z.unknown()),
    response: z.record(z.string(), z.unknown()).optional(),
    error: ErrorInfoSchema.optional(),
    usage: UsageSchema.nullable(),
    costUsd: z.number().nullable(),
    latencyMs: z.number(),
    cached: z.boolean(),
  }),
  /** One tool call made by an agent: its arguments, result or error, and whether a person approved it. */
  z.object({
    ...nodeBase,
    type: z.literal('node.tool'),
    toolCallId: z.string(),
    tool: z.string(),
    arguments: z.unknown(),
    result: z.unknown().optional(),
    error: z.string().optional(),
    durationMs: z.number(),
    approval: ToolApprovalSchema.optional(),
  }),
  /**
   * One memory operation: what was asked and what came back. A search lists every record retrieved with its
   * score and the run and node that wrote it, so a decision can be traced to the memories behind it.
   */
  z.object({
    ...nodeBase,
    type: z.literal('node.memory'),
    op: z.enum(['write', 'search', 'list', 'delete', 'conversation.read', 'conversation.append', 'knowledge.upsert', 'knowledge.lookup']),
    request: z.record(z.string(), z.unknown()),
    results: z
      .array(
        z.object({
          id: z.string(),
          collection: z.string(),
          score: z.number().nullable(),
          source: z.object({ workflowId: z.string().optional(), runId: z.string().optional(), nodeId: z.string().optional() }),
          text: z.string(),
        }),
      )
      .optional(),
    count: z.number(),
    durationMs: z.number(),
  }),
  /** A line the node wrote to its own log. */
  z.object({
    ...nodeBase,
    type: z.literal('node.log'),
    level: z.enum(['debug', 'info', 'warn', 'error']),
    message: z.string(),
    data: z.record(z.string(), z.unknown()).optional(),
  }),
  /**
   * Part of an output (streamed LLM tokens), coalesced before it crosses a process boundary. A `null` chunk means
   * the attempt that streamed failed: drop what this port streamed so far (a retry streams again).
   */
  z.object({ ...nodeBase, type: z.literal('node.partial'), port: z.string(), chunk: z.unknown() }),
  /** An attempt failed with a retryable error; the next starts after `delayMs`. */
  z.object({ ...nodeBase, type: z.literal('node.retry'), attempt: z.int().positive(), error: ErrorInfoSchema, delayMs: z.number() }),
  /** The node failed for good; `handling` says what the run does about it (its onError policy). */
  z.object({
    ...nodeBase,
    type: z.literal('node.error'),
    attempt: z.int().positive(),
    error: ErrorInfoSchema,
    handling: z.enum(['fail', 'route', 'continue']),
  }),
  /** The node did not run: its branch was not taken, an input was skipped, or it is disabled. */
  z.object({ ...nodeBase, type: z.literal('node.skipped'), reason: z.string() }),
  /** The node waits for a person's decision; the run stops in status waiting once nothing else can run. */
  z.object({ ...nodeBase, type: z.literal('node.waiting'), request: ApprovalRequestSchema }),
  /** A person decided on the node's pending approval. */
  z.object({ ...nodeBase, type: z.literal('node.decision'), decision: DecisionSchema }),
  /** The node is done. `outputs` has the emitted ports only; `cacheKey` is set when the cache was used. */
  z.object({
    ...nodeBase,
    type: z.literal('node.finished'),
    status: z.enum(['succeeded', 'failed', 'cached']),
    outputs: z.record(z.string(), z.unknown()),
    durationMs: z.number(),
    attempts: z.int().nonnegative(),
    cacheKey: z.string().optional(),
    cachedFrom: z.object({ runId: z.string(), nodeId: z.string() }).optional(),
    errorHandled: z.enum(['route', 'continue']).optional(),
  }),
  /** Nothing more can run until a person decides; the process may exit. */
  z.object({
    ...base,
    type: z.literal('run.waiting'),
    pending: z.array(z.object({ nodeId: z.string(), request: ApprovalRequestSchema })),
  }),
  /** The run ended. `outputs` come from its Output nodes. */
  z.object({
    ...base,
    type: z.literal('run.finished'),
    status: z.enum(['succeeded', 'failed', 'cancelled']),
    outputs: z.record(z.string(), z.unknown()),
    error: ErrorInfoSchema.optional(),
    totals: TotalsSchema,
  }),
]);

export type EngineEvent = z.infer<typeof EngineEventSchema>;
export type EngineEventType = EngineEvent['type'];
export type EventOf<T extends EngineEventType> = Extract<EngineEvent, { type: T }>;
/** An event before the engine numbers and stamps it. */
export type EventBody = EngineEvent extends infer E ? (E extends EngineEvent ? Omit<E, 'seq' | 'ts' | 'runId'> : never) : never;
