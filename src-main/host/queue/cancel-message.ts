import { z } from 'zod';

/** What the serving host publishes on CANCEL_CHANNEL: cancel this run wherever it runs. Workers validate it. */
export const CancelMessageSchema = z.object({ workspace: z.string(), runId: z.string(), reason: z.string() });
export type CancelMessage = z.infer<typeof CancelMessageSchema>;
