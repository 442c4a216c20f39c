import { z } from 'zod';
import { ErrorInfoSchema, RunStatusSchema, TotalsSchema, TriggerSchema } from '../engine/events.ts';
import { ApprovalRequestSchema } from '../nodes/decision.ts';

/** The version of the run.json format; bump it with a reader for the old one. */
export const RUN_FORMAT_VERSION = 1;

/** `run.json`: what a run is, how far it got, and the workflow it ran. Large inputs and outputs are value refs. */
export const RunDocSchema = z.object({
  formatVersion: z.literal(RUN_FORMAT_VERSION),
  runId: z.string(),
  workflowId: z.string(),
  /** The workflow's name, or null when the host gave no snapshot (child runs may not). */
  workflowName: z.string().nullable(),
  workflowHash: z.string(),
  /** Where the workflow came from, when the host said. */
  workflowRef: z.string().optional(),
  trigger: TriggerSchema,
  /** Who started the run: a person (the API token's user, the local user) or `trigger:<kind>` (absent in older logs). */
  startedBy: z.string().optional(),
  inputs: z.record(z.string(), z.unknown()),
  parent: z.object({ runId: z.string(), nodeId: z.string() }).optional(),
  status: RunStatusSchema,
  startedAt: z.number(),
  /** Last time the run continued from its log (after a decision, or after its process died). */
  resumedAt: z.number().optional(),
  endedAt: z.number().optional(),
  /** When the run last began waiting for a decision (absent in logs written before the approvals inbox). */
  waitingSince: z.number().optional(),
  /** The seq of the last event known to be on disk when this file was written. */
  lastSeq: z.int(),
  /** The process and machine working on the run; with status running and a dead pid, the run was interrupted. */
  pid: z.int(),
  host: z.string(),
  totals: TotalsSchema.optional(),
  outputs: z.record(z.string(), z.unknown()).optional(),
  error: ErrorInfoSchema.optional(),
  pending: z.array(z.object({ nodeId: z.string(), request: ApprovalRequestSchema })).optional(),
  /** The workflow snapshot as run (not validated here: it may be an older file format), or null when unknown. */
  workflow: z.unknown(),
});

export type RunDoc = z.infer<typeof RunDocSchema>;
