import { z } from 'zod';

/**
 * How much a connection that does not keep up with its watched runs is given before it is told (`run.watchEnded` with
 * reason `fellBehind`): options of createApiHandlers and startServer, small in tests. Defaults: 1 MiB of backlog, then
 * up to 10,000 events a watch or 16 MiB a connection queued; replay pages of 500 events.
 */
export const WatchLimitsSchema = z.object({
  /** The transport's backlog, in bytes, above which watches queue events instead of pushing them. */
  highWaterBytes: z
    .int()
    .nonnegative()
    .default(1024 * 1024),
  /** Events one watch may hold queued; one more ends the watch with `fellBehind`. */
  maxQueuedEvents: z.int().positive().default(10_000),
  /**
   * Bytes (the length of their JSON) the watches of one connection may hold queued together; past it, the watch that
   * queues ends with `fellBehind`. With `highWaterBytes`, this bounds what a connection's watches hold in memory.
   */
  maxQueuedBytes: z
    .int()
    .positive()
    .default(16 * 1024 * 1024),
  /** Events read from the run log at a time while replaying (a replay waits for room between events, it never queues). */
  replayPageEvents: z.int().positive().default(500),
});

export type WatchLimits = z.output<typeof WatchLimitsSchema>;
/** What a caller may set: any of the limits, the others default. */
export type WatchLimitOptions = z.input<typeof WatchLimitsSchema>;

/** The defaults with `options` applied; a ZodError for a bound that is not a (non-negative, for the mark) integer. */
export function watchLimits(options: WatchLimitOptions = {}): WatchLimits {
  return WatchLimitsSchema.parse(options);
}
