import { ApiError } from '../../../src-shared/api/errors.ts';
import { LOCAL_OWNER, roleIn, type Principal, type Role } from '../../../src-shared/api/permissions.ts';

/** Who makes a call on one connection: what the handlers record as the actor, never taken from the client alone. */
export interface Caller {
  /** The person recorded as having acted (run starter, decider, audit actor). */
  actor: string;
  /** Their role in the workspace the call names. */
  role: Role | undefined;
}

/**
 * The caller of one call. A named user (an API token's) acts as themselves: a `by` naming someone else is refused
 * (OPR-270), since the server decides who acted. The one-person local setup (the server's own token, the desktop app)
 * keeps a `by` the client sent, and otherwise acts as the local user (`OPERON_USER`, else the OS user).
 */
export function callerFor(principal: Principal, workspace: string, rawInput: unknown, localUser: string): Caller {
  const sent = sentBy(rawInput);
  const role = roleIn(principal, workspace);
  if (isLocalOwner(principal)) return { actor: sent ?? localUser, role };
  if (sent !== undefined && sent !== principal.user)
    throw new ApiError('OPR-270', `you are signed in as ${principal.user}: the server records you, not "${sent}", as the one who acts`);
  return { actor: principal.user, role };
}

/** The server's own token, the desktop app, the CLI's own host: the owner of every workspace, one person. */
export function isLocalOwner(principal: Principal): boolean {
  return principal === LOCAL_OWNER || (principal.user === LOCAL_OWNER.user && principal.roles['*'] === 'owner');
}

function sentBy(rawInput: unknown): string | undefined {
  if (typeof rawInput !== 'object' || rawInput === null || !('by' in rawInput)) return undefined;
  const by: unknown = rawInput.by;
  return typeof by === 'string' && by.trim() !== '' ? by : undefined;
}
