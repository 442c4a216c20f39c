import { z } from 'zod';
import type { CallName } from './contract.ts';

/** A person's role in one workspace. */
export const ROLES = ['owner', 'editor', 'operator', 'approver', 'viewer'] as const;
export const RoleSchema = z.enum(ROLES);
export type Role = z.infer<typeof RoleSchema>;

/** What a call needs. */
export type Permission =
  /** Read workflows, runs and logs (never secrets' values: no call returns one). */
  | 'read'
  /** Change workflows and their pins. */
  | 'edit'
  /** Run, cancel, resume, step, activate. */
  | 'operate'
  /** Decide approvals (tool-call approvals included). */
  | 'approve'
  /** Manage the workspace: members, tokens, secrets, policies. */
  | 'manage';

/**
 * What each role may do. An editor may run what it edits (testing is part of editing) but not decide approvals: that
 * stays with approvers (four-eyes). Only owners manage.
 */
export const ROLE_PERMISSIONS: Readonly<Record<Role, readonly Permission[]>> = {
  owner: ['read', 'edit', 'operate', 'approve', 'manage'],
  editor: ['read', 'edit', 'operate'],
  operator: ['read', 'operate'],
  approver: ['read', 'approve'],
  viewer: ['read'],
};

/** The permission each call needs in the workspace it names. The type makes a call added without one fail to compile. */
export const CALL_PERMISSIONS: Readonly<Record<CallName, Permission>> = {
  'workspaces.list': 'read',
  'workflows.list': 'read',
  'workflows.open': 'read',
  'workflows.save': 'edit',
  'workflows.rename': 'edit',
  'workflows.delete': 'edit',
  'workflows.import': 'edit',
  'workflows.export': 'read',
  'examples.list': 'read',
  'examples.copy': 'edit',
  'workflows.validate': 'read',
  'nodeTypes.catalogue': 'read',
  'providers.list': 'read',
  'runs.start': 'operate',
  'runs.resume': 'operate',
  'runs.breakpoints': 'operate',
  'runs.cancel': 'operate',
  'runs.decide': 'approve',
  'runs.continueInterrupted': 'operate',
  'runs.list': 'read',
  'runs.get': 'read',
  'runs.watch': 'read',
  'runs.unwatch': 'read',
  'runs.events': 'read',
  'runs.trace': 'read',
  'runs.value': 'read',
  'runs.timeline': 'read',
  'runs.compare': 'read',
  'approvals.list': 'read',
  'pins.list': 'read',
  'pins.set': 'edit',
  'pins.remove': 'edit',
  'triggers.list': 'read',
  'triggers.setActive': 'operate',
  'triggers.log': 'read',
  'session.whoami': 'read',
  'members.list': 'manage',
  'members.set': 'manage',
  'members.remove': 'manage',
  'tokens.list': 'manage',
  'tokens.create': 'manage',
  'tokens.revoke': 'manage',
  'secrets.list': 'manage',
  'secrets.set': 'manage',
  'secrets.delete': 'manage',
  'audit.list': 'manage',
  'audit.verify': 'manage',
  'audit.export': 'manage',
  'policy.get': 'read',
  'policy.set': 'manage',
};

/** The one-person local setup: the server's own token, the desktop app, the CLI's own host. Owner of every workspace. */
export const LOCAL_OWNER: Principal = { user: 'local', roles: { '*': 'owner' } };

/** Who a connection acts as: a named user with a role per workspace, or the one-person local setup (owner of all). */
export interface Principal {
  user: string;
  /** The role in each workspace the user may enter; `'*'` is every workspace (the server's own token). */
  roles: Readonly<Record<string, Role>>;
}

/** The role a principal has in a workspace, if any. */
export function roleIn(principal: Principal, workspace: string): Role | undefined {
  return principal.roles[workspace] ?? principal.roles['*'];
}

/** Whether a principal may make `call` in `workspace`. */
export function mayCall(principal: Principal, call: CallName, workspace: string): boolean {
  const role = roleIn(principal, workspace);
  return role !== undefined && ROLE_PERMISSIONS[role].includes(CALL_PERMISSIONS[call]);
}

/** The roles that may make a call, weakest first (for the error that says what is needed). */
export function rolesFor(call: CallName): Role[] {
  return [...ROLES].reverse().filter((role) => ROLE_PERMISSIONS[role].includes(CALL_PERMISSIONS[call]));
}
