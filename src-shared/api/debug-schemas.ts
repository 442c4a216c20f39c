import { z } from 'zod';
import { ApprovalRequestSchema } from '../nodes/decision.ts';

/**
 * The run debugger's data as it crosses the API: pins, pauses and the approvals inbox. A run's timeline and the
 * comparison of two runs are declared with their builders, in `run-log/timeline-schema.ts` and
 * `run-log/compare-runs-schema.ts`. Values in traces may be value refs (`{ $ref, bytes }`, see run-log/value-ref.ts):
 * large values are fetched in pages with `runs.value`, so a trace of any size loads quickly.
 */

/** Where a debug run is held: before `nodeId`, with the inputs it would start with. */
export const DebugPauseSchema = z.object({
  nodeId: z.string(),
  reason: z.enum(['breakpoint', 'step']),
  inputs: z.record(z.string(), z.unknown()),
});

/** A node's outputs pinned for design runs (editor runs): the run uses them instead of running the node. */
export const PinSchema = z.object({
  outputs: z.record(z.string(), z.unknown()),
  /** The run the outputs were taken from; absent when typed in. */
  fromRunId: z.string().optional(),
  pinnedAt: z.number(),
  by: z.string(),
});
export type Pin = z.infer<typeof PinSchema>;

/** A run waiting for a person, for the approvals inbox. */
export const InboxItemSchema = z.object({
  runId: z.string(),
  workflowId: z.string(),
  workflowName: z.string().nullable(),
  nodeId: z.string(),
  /** The node as people read it: its label, else its id (absent when the run's workflow snapshot is missing). */
  nodeLabel: z.string().optional(),
  request: ApprovalRequestSchema,
  /** When the run started waiting (ms since the epoch). */
  since: z.number(),
});
export type InboxItem = z.infer<typeof InboxItemSchema>;
