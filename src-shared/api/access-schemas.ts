import { z } from 'zod';
import { RoleSchema } from './permissions.ts';

/** Issue 14's members, tokens, secrets and audit calls: what they take and give (contract.ts lists the calls). */

/** A user name as access.json stores it (lower case; the server checks it again, OPR-257). */
export const UserNameSchema = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'use letters, digits, ".", "_" and "-"');

/** A secret's name (the vault upper-cases it; OPR-252 for a reserved one). */
export const SecretNameSchema = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9_]{0,63}$/, 'use letters, digits and "_", starting with a letter (at most 64)');

/** Who the connection acts as: its user, its role in the workspace named, and every workspace it may enter. */
export const WhoamiSchema = z.object({
  user: z.string(),
  /** The role in the workspace the call named. */
  role: RoleSchema,
  /** Role by workspace; `'*'` is every workspace (the one-person local setup: the desktop app, the server's own token). */
  roles: z.record(z.string(), RoleSchema),
  /** The one-person local setup (not a named user of access.json). */
  local: z.boolean(),
});
export type Whoami = z.infer<typeof WhoamiSchema>;

/** A member of the workspace. */
export const MemberSchema = z.object({
  user: z.string(),
  role: RoleSchema,
  /** When the user was first added (to any workspace). */
  createdAt: z.number(),
  tokens: z.int().nonnegative(),
});
export type Member = z.infer<typeof MemberSchema>;

/** An API token of a member: never its secret or hash. */
export const TokenInfoSchema = z.object({
  id: z.string(),
  user: z.string(),
  label: z.string().optional(),
  createdAt: z.number(),
});
export type TokenInfo = z.infer<typeof TokenInfoSchema>;

/** A stored secret: its name and when it changed; never its value. */
export const SecretInfoSchema = z.object({ name: z.string(), createdAt: z.number(), updatedAt: z.number() });
export type SecretInfo = z.infer<typeof SecretInfoSchema>;

/** One line of the workspace's audit trail (`action` is `<thing>.<what happened>`, e.g. `member.changed`). */
export const AuditEntryViewSchema = z.object({
  seq: z.int().min(1),
  at: z.number(),
  actor: z.string(),
  action: z.string(),
  target: z.string(),
  details: z.record(z.string(), z.unknown()).optional(),
});
export type AuditEntryView = z.infer<typeof AuditEntryViewSchema>;

/** What `audit.verify` finds: the chain holds, or the first bad line (1-based) and why. */
export const AuditVerdictSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), entries: z.int().nonnegative() }),
  z.object({ ok: z.literal(false), entries: z.int().nonnegative(), line: z.int().min(1), reason: z.string() }),
]);
export type AuditVerdict = z.infer<typeof AuditVerdictSchema>;
