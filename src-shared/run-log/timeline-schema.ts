import { z } from 'zod';
import { NodeStatusSchema, ReuseSourceSchema, RunStatusSchema } from '../engine/events.ts';

/** A run's timeline as `buildTimeline` (timeline.ts) computes it and `runs.timeline` sends it. */

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
  /** A person's decision on the node's approval (a rejected Approval is shown as rejected, not succeeded). */
  decision: z.enum(['approved', 'rejected']).optional(),
  /** The output ports the node emitted when it finished: the edges the run took from it. */
  emitted: z.array(z.string()).optional(),
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
