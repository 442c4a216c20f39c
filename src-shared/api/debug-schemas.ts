import { z } from 'zod';
import { NodeStatusSchema, ReuseSourceSchema, RunStatusSchema } from '../engine/events.ts';
import { ApprovalRequestSchema } from '../nodes/decision.ts';

/**
 * The run debugger's data as it crosses the API: the timeline, comparisons, pins, pauses and the approvals inbox.
 * Values in traces may be value refs (`{ $ref, bytes }`, see run-log/value-ref.ts): large values are fetched in pages
 * with `runs.value`, so a trace of any size loads quickly.
 */

/** Where a debug run is held: before `nodeId`, with the inputs it would start with. */
export const DebugPauseSchema = z.object({
  nodeId: z.string(),
  reason: z.enum(['breakpoint', 'step']),
  inputs: z.record(z.string(), z.unknown()),
});

const SpanSchema = z.object({ from: z.number(), to: z.number().optional() });

/** One node's row in a run's timeline: when it was queued, each attempt, pauses and waits for people. Times in ms since the epoch. */
export const TimelineRowSchema = z.object({
  nodeId: z.string(),
  status: NodeStatusSchema,
  queuedAt: z.number().optional(),
  attempts: z.array(
    SpanSchema.extend({
      attempt: z.int().positive(),
      /** The attempt's error (then a retry followed, or the node failed). */
      error: z.object({ code: z.string(), message: z.string() }).optional(),
    }),
  ),
  /** Held by a debug run before it started. */
  pauses: z.array(SpanSchema),
  /** Waiting for an approval decision. */
  waits: z.array(SpanSchema),
  /** Settled: finished, skipped or reused. */
  endedAt: z.number().optional(),
  reusedFrom: ReuseSourceSchema.optional(),
  skippedReason: z.string().optional(),
});
export type TimelineRow = z.infer<typeof TimelineRowSchema>;

export const RunTimelineSchema = z.object({
  runId: z.string(),
  /** The run's status as its log tells it (a run whose process died still says running; runs.get tells interrupted). */
  status: RunStatusSchema,
  startedAt: z.number(),
  /** Last event's time (the end, for a finished run). */
  lastAt: z.number(),
  /** Rows in the order nodes first appeared in the log; nodes the log never mentions are left out. */
  rows: z.array(TimelineRowSchema),
  warnings: z.array(z.string()),
});
export type RunTimeline = z.infer<typeof RunTimelineSchema>;

/** How a value compares between two runs: `missing` when only one run has it. */
export const ValueDiffSchema = z.enum(['same', 'different', 'missing']);

/** One node in a comparison of two runs. Values compare by content (large values by their stored hash). */
export const NodeDiffSchema = z.object({
  nodeId: z.string(),
  statusA: NodeStatusSchema.nullable(),
  statusB: NodeStatusSchema.nullable(),
  inputs: ValueDiffSchema,
  outputs: ValueDiffSchema,
});
export type NodeDiff = z.infer<typeof NodeDiffSchema>;

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
  request: ApprovalRequestSchema,
  /** When the run started waiting (ms since the epoch). */
  since: z.number(),
});
export type InboxItem = z.infer<typeof InboxItemSchema>;
