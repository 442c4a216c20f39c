import { z } from 'zod';

const MiB = 1024 * 1024;

/**
 * What `operon serve` allows each WebSocket client, so that no client (a bug, or a hostile holder of the token) can
 * take the server down or starve the others. Options of startServer; small in tests.
 */
export const ServeLimitsSchema = z.object({
  /**
   * The largest message a client may send, in bytes; a bigger one closes its connection with 1009 and a reason naming
   * this limit (ws refuses it from the frame header, before reading it). 16 MiB: the largest legitimate requests are
   * `workflows.save`/`workflows.import` of a whole workflow and `pins.set` with typed-in outputs; a 200-node workflow
   * with long prompts is well under 1 MiB, so this leaves room for any real one.
   */
  maxPayloadBytes: z
    .int()
    .positive()
    .default(16 * MiB),
  /**
   * Bytes the server may hold unsent for one client (its socket's `bufferedAmount`, the measure the run watches' backlog
   * reads too). A message to a client already past it is not sent: the client is closed with 1008 ("too far behind")
   * and dropped. So a client that asks and never reads costs at most this plus one message. Above the watches'
   * high-water mark (1 MiB by default, watch-limits.ts), so a slow watcher is told `fellBehind` before it is dropped.
   */
  maxBufferedBytes: z
    .int()
    .positive()
    .default(8 * MiB),
  /** Open WebSocket connections at once (one per editor tab or window); one more is refused at upgrade with 503. */
  maxConnections: z.int().positive().default(64),
  /**
   * Calls of one connection running at once; more wait in order, and the server stops reading that connection until
   * they start, so one client's burst of heavy calls takes its turn with everyone else's.
   */
  maxCallsInFlight: z.int().positive().default(16),
});

export type ServeLimits = z.output<typeof ServeLimitsSchema>;
/** What a caller may set: any of the limits, the others default. */
export type ServeLimitOptions = z.input<typeof ServeLimitsSchema>;

/** The defaults with `options` applied; a ZodError for a limit that is not a positive integer. */
export function serveLimits(options: ServeLimitOptions = {}): ServeLimits {
  return ServeLimitsSchema.parse(options);
}

/** `16 MiB`, `64 KiB`, or `1000 bytes`: a limit as a person reads it. */
export function describeBytes(bytes: number): string {
  if (bytes >= MiB && bytes % MiB === 0) return `${bytes / MiB} MiB`;
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} KiB`;
  return `${bytes} bytes`;
}
