import { z } from 'zod';

/** The current version of the workflow file format. Bump it only with a migration in `migrations.ts`. */
export const CURRENT_SCHEMA_VERSION = 1;

/** Ids are readable in logs and file names: letters, digits, `_`, `-`, `.`; 1-128 characters. */
export const IdSchema = z
  .string()
  .regex(
    /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/,
    'ids use letters, digits, "_", "-" and "." (at most 128), and do not start with "." or "-"',
  );

export const PositionSchema = z.object({ x: z.number(), y: z.number() });

export const OnErrorSchema = z
  .enum(['fail', 'route', 'continue'])
  .describe(
    'fail: the run fails; route: the error goes out of the node\'s "error" port (a fallback branch); continue: the node outputs settings.fallback instead',
  );

/** Per-node execution policy. Every field is optional; the workflow settings give the defaults. */
export const NodeSettingsSchema = z.object({
  timeoutMs: z.int().positive().optional().describe('Time limit for one attempt, in milliseconds'),
  retries: z.int().min(0).max(20).optional().describe('How many times a retryable error is retried'),
  retryDelayMs: z.int().min(0).optional().describe('First retry delay; doubled each attempt, with jitter'),
  onError: OnErrorSchema.optional(),
  fallback: z.unknown().optional().describe('With onError "continue": the value every output port gets'),
  cache: z.boolean().optional().describe('Reuse a recorded output when type, version, config and inputs hash the same'),
  disabled: z.boolean().optional().describe('A disabled node is skipped, and so is what depends on it'),
});

export const WorkflowNodeSchema = z.object({
  id: IdSchema,
  type: z.string().min(1),
  typeVersion: z.int().positive(),
  label: z.string().optional(),
  notes: z.string().optional(),
  position: PositionSchema,
  config: z.record(z.string(), z.unknown()),
  settings: NodeSettingsSchema.optional(),
});

export const WorkflowEdgeSchema = z.object({
  id: IdSchema,
  source: IdSchema,
  sourcePort: z.string().min(1),
  target: IdSchema,
  targetPort: z.string().min(1),
});

export const BudgetsSchema = z.object({
  maxCostUsd: z.number().nonnegative().optional(),
  maxTokens: z.int().nonnegative().optional(),
});

export const WorkflowSettingsSchema = z.object({
  concurrency: z.int().min(1).max(1024).default(8).describe('How many nodes run at the same time'),
  defaultTimeoutMs: z.int().positive().default(300_000),
  defaultRetries: z.int().min(0).max(20).default(0),
  defaultRetryDelayMs: z.int().min(0).default(1_000),
  maxRunMs: z.int().positive().optional().describe('Wall-time limit for the whole run'),
  maxNodeExecutions: z.int().positive().default(100_000).describe('Limit on node executions in one run, Map items included'),
  cache: z.boolean().default(false).describe('Turn the result cache on for every node'),
  budgets: BudgetsSchema.optional(),
  overlap: z
    .enum(['parallel', 'queue', 'skip'])
    .optional()
    .describe(
      'When a trigger fires while a run of this workflow is going on: parallel (the default) runs up to maxParallelRuns at once (later firings wait in the queue); queue runs one at a time, oldest first; skip drops the firing',
    )
    .meta({ ui: 'select' }),
  maxParallelRuns: z
    .int()
    .min(1)
    .max(256)
    .optional()
    .describe('With overlap "parallel": how many triggered runs of this workflow may go on at once (default 4)'),
  queueLimit: z
    .int()
    .min(1)
    .max(10_000)
    .optional()
    .describe('How many firings may wait for a free place; one more is refused and logged (default 100; the queue survives a restart)'),
  missedTicks: z
    .enum(['skip', 'runOnce'])
    .optional()
    .describe('Schedule ticks missed while Operon was stopped: skip them (the default), or run once on start')
    .meta({ ui: 'select' }),
  onInterrupted: z
    .enum(['leave', 'resume'])
    .optional()
    .describe(
      'Runs that were going on when Operon stopped: leave them interrupted for a person (the default), or resume them from their logs on start (finished nodes are not run again)',
    )
    .meta({ ui: 'select' }),
  errorWorkflow: IdSchema.optional()
    .describe('A workflow of this workspace (with an Error trigger) started with the details when a run of this one fails')
    .meta({ ui: 'workflow' }),
});

/** The service settings with their defaults (the file leaves them out until someone changes them). */
export function serviceSettings(
  settings: WorkflowSettings,
): Required<Pick<WorkflowSettings, 'overlap' | 'maxParallelRuns' | 'queueLimit' | 'missedTicks' | 'onInterrupted'>> &
  Pick<WorkflowSettings, 'errorWorkflow'> {
  return {
    overlap: settings.overlap ?? 'parallel',
    maxParallelRuns: settings.maxParallelRuns ?? 4,
    queueLimit: settings.queueLimit ?? 100,
    missedTicks: settings.missedTicks ?? 'skip',
    onInterrupted: settings.onInterrupted ?? 'leave',
    ...(settings.errorWorkflow === undefined ? {} : { errorWorkflow: settings.errorWorkflow }),
  };
}

/** The colours a sticky note can take (the canvas draws each in both themes). */
export const STICKY_COLOURS = ['yellow', 'blue', 'green', 'pink', 'grey'] as const;

/** Bounds that keep a sticky note a note: a file with thousands of giant notes is refused, not drawn. */
export const STICKY_LIMITS = { maxNotes: 500, maxText: 10_000, minSide: 80, maxSide: 4_000 } as const;

const StickySideSchema = z.number().min(STICKY_LIMITS.minSide).max(STICKY_LIMITS.maxSide);

/** A plain-text note on the canvas for people (the engine ignores it). Not a node's own `notes`. */
export const StickyNoteSchema = z.object({
  id: IdSchema,
  text: z.string().max(STICKY_LIMITS.maxText),
  position: PositionSchema,
  size: z.object({ width: StickySideSchema, height: StickySideSchema }),
  colour: z.enum(STICKY_COLOURS),
});

export const WorkflowSchema = z.object({
  schemaVersion: z.literal(CURRENT_SCHEMA_VERSION),
  id: IdSchema,
  name: z.string().min(1),
  description: z.string().default(''),
  inputs: z.record(z.string(), z.unknown()).optional().describe('A JSON Schema (an object schema) for run inputs'),
  nodes: z.array(WorkflowNodeSchema),
  edges: z.array(WorkflowEdgeSchema),
  settings: WorkflowSettingsSchema.default(WorkflowSettingsSchema.parse({})),
  /** Notes on the canvas; optional, so files without any are unchanged (no schemaVersion bump). */
  stickyNotes: z.array(StickyNoteSchema).max(STICKY_LIMITS.maxNotes).optional(),
});

export type Workflow = z.infer<typeof WorkflowSchema>;
export type WorkflowInput = z.input<typeof WorkflowSchema>;
export type WorkflowNode = z.infer<typeof WorkflowNodeSchema>;
export type WorkflowEdge = z.infer<typeof WorkflowEdgeSchema>;
export type WorkflowSettings = z.infer<typeof WorkflowSettingsSchema>;
export type NodeSettings = z.infer<typeof NodeSettingsSchema>;
export type OnError = z.infer<typeof OnErrorSchema>;
export type StickyNote = z.infer<typeof StickyNoteSchema>;
export type StickyColour = StickyNote['colour'];
