import { z } from 'zod';

/**
 * Who may decide an approval, declared once for the Approval node and the Agent's tool approvals (spread into their
 * config schemas, so the inspector's form shows them): the role the decider needs at least, and four-eyes (the person
 * who started the run may not decide it). The server checks both when a decision comes (OPR-271, OPR-272).
 */
export const ApprovalGuardFields = {
  requireRole: z
    .union([z.literal('approver').meta({ title: 'Approver or owner' }), z.literal('owner').meta({ title: 'Owner only' })])
    .optional()
    .meta({ title: 'Required role' })
    .describe('Who may decide: anyone who may approve in the workspace when left empty.'),
  fourEyes: z.boolean().default(false).meta({ title: 'Four-eyes' }).describe('The person who started the run may not decide it.'),
};

export const ApprovalGuardSchema = z.object(ApprovalGuardFields);
export type ApprovalGuard = z.output<typeof ApprovalGuardSchema>;

/** The guard a node's config carries (none for a config without one, or from before these settings). */
export function approvalGuardOf(config: unknown): ApprovalGuard {
  const parsed = ApprovalGuardSchema.safeParse(config ?? {});
  return parsed.success ? parsed.data : { fourEyes: false };
}
