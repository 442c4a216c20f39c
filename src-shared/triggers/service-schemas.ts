import { z } from 'zod';

/** Trigger types as runs and the firing log name them (a run's `trigger.type`), by node type. */
export const TRIGGER_KINDS = {
  'core.schedule-trigger': 'schedule',
  'core.webhook-trigger': 'webhook',
  'core.file-watch-trigger': 'file',
  'core.workflow-finished-trigger': 'workflow',
  'core.error-trigger': 'error',
} as const satisfies Record<string, string>;
export type TriggerKind = (typeof TRIGGER_KINDS)[keyof typeof TRIGGER_KINDS];

/** What became of one firing of a trigger. */
export const FiringOutcomeSchema = z.enum([
  /** A run started (`runId`). */
  'started',
  /** It waits for a free place (overlap "queue", or "parallel" at its limit); `runId` is set once it starts. */
  'queued',
  /** Overlap "skip" and a run was going on: no run. */
  'skipped',
  /** No run: the queue was full, the workflow is inactive or no longer valid, the request was refused (`reason`). */
  'refused',
  /** The run could not be started (`reason`, `code`). */
  'failed',
]);
export type FiringOutcome = z.infer<typeof FiringOutcomeSchema>;

/** One line of a workspace's firing log (`<workspace>/service/firings.jsonl`): when, which trigger, what came of it. */
export const FiringSchema = z.object({
  /** Unique within the workspace: a queued firing keeps it until its run starts. */
  id: z.string(),
  at: z.number(),
  workflowId: z.string(),
  nodeId: z.string(),
  kind: z.string(),
  /** The size of the payload as JSON, in bytes (the payload itself is in the run's log). */
  payloadBytes: z.number(),
  outcome: FiringOutcomeSchema,
  runId: z.string().optional(),
  /** Why no run started, in words (outcomes skipped, refused, failed). */
  reason: z.string().optional(),
  code: z.string().optional(),
});
export type Firing = z.infer<typeof FiringSchema>;

/** A trigger node of an active workflow, as the service listens to it. */
export const ListeningTriggerSchema = z.object({
  nodeId: z.string(),
  kind: z.string(),
  label: z.string(),
  /** Schedule: the next fire time (ms); webhook: its path on the serving host; file watch: the folder. */
  next: z.number().optional(),
  path: z.string().optional(),
  folder: z.string().optional(),
  /** A trigger that could not start listening (a folder that cannot be watched): the others still listen. */
  problem: z.string().optional(),
});

/** A workflow's activation, and what its triggers are doing. */
export const ActivationSchema = z.object({
  workflowId: z.string(),
  active: z.boolean(),
  /** When and by whom it was last activated or deactivated. */
  changedAt: z.number().optional(),
  changedBy: z.string().optional(),
  triggers: z.array(ListeningTriggerSchema),
  /** Triggered runs of it going on, and firings waiting in its queue. */
  running: z.number(),
  queued: z.number(),
});
export type Activation = z.infer<typeof ActivationSchema>;
