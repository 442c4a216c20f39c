import { z } from 'zod';

/**
 * A person's part in a run: what a node asks them to decide, and what they decided. Declared once here and used by
 * node types (`ctx.waitForDecision`, `ctx.decision`), the engine's events and run state, the run log and the API.
 */

/** What a node asks a person to decide. */
export const ApprovalRequestSchema = z.object({
  title: z.string(),
  message: z.string(),
  /** The proposed action or value, shown to the person. */
  data: z.unknown().optional(),
  /**
   * Set by the engine, not a node: the node was running when its process died and its type asks a person (policy
   * `ask`). Approve runs it again as this attempt; reject fails it with OPR-196 (its onError setting applies).
   */
  interrupted: z.object({ attempt: z.int().positive() }).optional(),
});
export type ApprovalRequest = z.infer<typeof ApprovalRequestSchema>;

/** A person's decision on a pending approval. */
export const DecisionSchema = z.object({
  decision: z.enum(['approved', 'rejected']),
  by: z.string(),
  comment: z.string().optional(),
  at: z.number(),
  /** An edited value that replaces the proposed one (approve with edits). */
  value: z.unknown().optional(),
});
export type Decision = z.infer<typeof DecisionSchema>;

/** A decision as an agent's tool call records it: what was decided, by whom and why. */
export const ToolApprovalSchema = DecisionSchema.pick({ decision: true, by: true, comment: true });
export type ToolApproval = z.infer<typeof ToolApprovalSchema>;
