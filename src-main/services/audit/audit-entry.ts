import { createHash } from 'node:crypto';
import { z } from 'zod';

/** What the audit trail records, as `<thing>.<what happened>`. */
export const AUDIT_ACTIONS = [
  'workflow.created',
  'workflow.changed',
  'workflow.deleted',
  'workflow.activated',
  'workflow.deactivated',
  'run.started',
  'run.cancelled',
  'run.resumed',
  'approval.decided',
  'secret.created',
  'secret.changed',
  'secret.deleted',
  'secret.read',
  'secrets.keyRotated',
  'member.changed',
  'token.changed',
  'policy.changed',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** One line of `<workspace>/audit/audit.jsonl`. `prev` is the SHA-256 of the line before it (or of the workspace's genesis). */
export const AuditEntrySchema = z.strictObject({
  seq: z.int().min(1),
  at: z.number(),
  actor: z.string().min(1),
  action: z.enum(AUDIT_ACTIONS),
  /** What it was done to: `workflow:<id>`, `run:<id>`, `secret:<NAME>`… */
  target: z.string(),
  details: z.record(z.string(), z.unknown()).optional(),
  prev: z.string().regex(/^[0-9a-f]{64}$/),
});
export type AuditEntry = z.infer<typeof AuditEntrySchema>;

/** What a caller gives; the log adds seq, at and prev. */
export type AuditRecord = Pick<AuditEntry, 'actor' | 'action' | 'target'> & { details?: Record<string, unknown> };

export function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** The `prev` of a workspace's first entry: the chain starts from the workspace's name, so one cannot pass for another's. */
export function genesisHash(workspace: string): string {
  return sha256(`operon-audit:v1:${workspace}`);
}
