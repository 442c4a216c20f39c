import { z } from 'zod';

/**
 * What started a run: `manual`, `api`, `sub-workflow`, or a trigger node's type (`schedule`, `webhook`, …). A run a
 * trigger node started names it (`nodeId`) and carries what it fired with (`payload`: the request, the tick, the file),
 * which that node emits; the workflow's other trigger nodes are skipped. Kept in run.json, so a resume has it too.
 */
export const TriggerSchema = z.object({
  type: z.string(),
  by: z.string().optional(),
  nodeId: z.string().optional(),
  payload: z.unknown().optional(),
});
export type Trigger = z.infer<typeof TriggerSchema>;
