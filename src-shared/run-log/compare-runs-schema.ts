import { z } from 'zod';
import { NodeStatusSchema } from '../engine/events.ts';

/** The comparison of two runs as `compareRuns` (compare-runs.ts) computes it and `runs.compare` sends it. */

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
