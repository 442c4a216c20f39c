import { z } from 'zod';

/**
 * What the Electron main process sends the engine process on its parent port (Electron's `process.parentPort`):
 * `connect`, with one MessagePort in the message's `ports`, opens an API connection for one window on that port;
 * `shutdown` closes every connection, cancels the runs still going (their logs flushed) and exits with code 0.
 */
export const EngineControlSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('connect'), window: z.int().nonnegative() }),
  z.object({ type: z.literal('shutdown') }),
]);
export type EngineControl = z.infer<typeof EngineControlSchema>;
