import type { CallName } from '../../../src-shared/api/contract.ts';
import { LOCAL_OWNER, roleIn, type Principal, type Role } from '../../../src-shared/api/permissions.ts';
import type { Member } from '../../../src-shared/api/access-schemas.ts';
import { OperonError } from '../../../src-shared/errors/operon-error.ts';
import { createAccessStore, userName, type UserInfo } from '../../services/access/access-store.ts';
import { auditCsv, readAuditEntries } from '../../services/audit/audit-export.ts';
import { createAuditLog, localActor, type AuditLog } from '../../services/audit/audit-log.ts';
import type { AuditRecord } from '../../services/audit/audit-entry.ts';
import { verifyAudit } from '../../services/audit/audit-verify.ts';
import { ensureWorkspace, workspacePaths } from '../../services/data-dir.ts';
import { createSecretVault } from '../../services/secret-vault/secret-vault.ts';
import type { CallImpls } from './call-types.ts';

export type AccessCallName = Extract<
  CallName,
  `session.${string}` | `members.${string}` | `tokens.${string}` | `secrets.${string}` | `audit.${string}`
>;

/** What the access calls of every connection share: the data folder's access store and each workspace's audit log. */
export interface AccessDeps {
  dataDir: string;
  env: NodeJS.ProcessEnv;
  /** The workspace's audit log (one per workspace, kept). */
  audit(workspace: string): AuditLog;
  /** Tells the workspace's host, if one is running, that its stored secrets changed (its next runs use them). */
  secretsChanged(workspace: string): Promise<void>;
  /** Member changes one at a time, so the last-owner check and the change cannot interleave with another. */
  serial<T>(task: () => Promise<T>): Promise<T>;
}

export function createAccessDeps(
  dataDir: string,
  env: NodeJS.ProcessEnv,
  secretsChanged: (workspace: string) => Promise<void>,
): AccessDeps {
  const logs = new Map<string, AuditLog>();
  let queue: Promise<unknown> = Promise.resolve();
  return {
    dataDir,
    env,
    secretsChanged,
    audit(workspace) {
      let log = logs.get(workspace);
      if (log === undefined)
        logs.set(workspace, (log = createAuditLog({ workspace, workspaceRoot: workspacePaths(dataDir, workspace).root })));
      return log;
    },
    serial(task) {
      const next = queue.then(task);
      queue = next.catch(() => undefined);
      return next;
    },
  };
}

/**
 * Issue 14's members, tokens, secrets and audit calls for one connection: every change is recorded in the workspace's
 * audit trail with the connection's user as the actor (the local owner acts as `OPERON_USER` or the OS user).
 */
export function accessCalls(
  deps: AccessDeps,
  principal: Principal = LOCAL_OWNER,
  /** The principal as it stands now (its roles may have changed since the connection opened). */
  current: () => Principal = () => principal,
): CallImpls<AccessCallName> {
  const access = createAccessStore(deps.dataDir);
  const local = principal === LOCAL_OWNER || principal.roles['*'] !== undefined;
  const actor = local ? localActor(deps.env) : principal.user;
  const record = (workspace: string, entry: Omit<AuditRecord, 'actor'>) => deps.audit(workspace).record({ actor, ...entry });
  const vault = async (workspace: string) => {
    const paths = workspacePaths(deps.dataDir, workspace);
    await ensureWorkspace(paths);
    return createSecretVault({ dataDir: deps.dataDir, workspace, workspaceRoot: paths.root, env: deps.env });
  };
  const members = async (workspace: string): Promise<Member[]> =>
    (await access.list()).flatMap((user) => {
      const role = user.roles[workspace];
      return role === undefined ? [] : [memberOf(user, role)];
    });
  const memberNamed = async (workspace: string, name: string): Promise<UserInfo> => {
    const user = (await access.list()).find((each) => each.name === userName(name));
    if (user?.roles[workspace] === undefined)
      throw new OperonError('OPR-291', `${userName(name)} is not a member of workspace ${workspace}`, { details: { user: name } });
    return user;
  };
  /** OPR-290 when `user` is the workspace's only owner and is about to stop being one. */
  const keepOwner = async (workspace: string, user: string, next: Role | undefined): Promise<void> => {
    const all = await members(workspace);
    const owners = all.filter((member) => member.role === 'owner');
    const target = all.find((member) => member.user === user);
    if (target?.role === 'owner' && next !== 'owner' && owners.length === 1)
      throw new OperonError('OPR-290', `${user} is the last owner of workspace ${workspace}: make another member an owner first`, {
        details: { user, workspace },
      });
  };

  return {
    'session.whoami'({ workspace }) {
      const now = current();
      const role = roleIn(now, workspace);
      if (role === undefined) return Promise.reject(new Error('unreachable: the call was checked'));
      return Promise.resolve({ user: actor, role, roles: { ...now.roles }, local });
    },
    async 'members.list'({ workspace }) {
      return { members: await members(workspace) };
    },
    'members.set': ({ workspace, user, role }) =>
      deps.serial(async () => {
        const name = userName(user);
        await keepOwner(workspace, name, role);
        const before = (await members(workspace)).find((member) => member.user === name);
        if (before?.role === role) return { member: before, created: false };
        const outcome = await access.setRole(name, workspace, role);
        await record(workspace, { action: 'member.changed', target: `user:${name}`, details: { role, from: before?.role ?? null } });
        const member = (await members(workspace)).find((each) => each.user === name);
        if (member === undefined) throw new Error(`unreachable: ${name} was just given a role`);
        return { member, created: outcome === 'created' };
      }),
    'members.remove': ({ workspace, user }) =>
      deps.serial(async () => {
        const found = await memberNamed(workspace, user);
        await keepOwner(workspace, found.name, undefined);
        await access.remove(found.name, workspace);
        await record(workspace, {
          action: 'member.changed',
          target: `user:${found.name}`,
          details: { role: null, from: found.roles[workspace] ?? null },
        });
        return { removed: true as const };
      }),
    async 'tokens.list'({ workspace }) {
      const users = (await access.list()).filter((user) => user.roles[workspace] !== undefined);
      return {
        tokens: users
          .flatMap((user) => user.tokens.map((token) => ({ ...token, user: user.name })))
          .sort((a, b) => b.createdAt - a.createdAt),
      };
    },
    async 'tokens.create'({ workspace, user, label }) {
      const found = await memberNamed(workspace, user);
      const { id, token } = await access.createToken(found.name, label);
      // The token acts in every workspace the user has a role in: each of their trails says so.
      for (const each of Object.keys(found.roles))
        await record(each, { action: 'token.changed', target: `token:${id}`, details: { user: found.name, created: true } });
      const created = (await access.list()).flatMap((each) => each.tokens).find((each) => each.id === id);
      return { id, user: found.name, createdAt: created?.createdAt ?? Date.now(), ...(label === undefined ? {} : { label }), token };
    },
    async 'tokens.revoke'({ workspace, id }) {
      const owner = (await access.list()).find((user) => user.tokens.some((token) => token.id === id));
      if (owner?.roles[workspace] === undefined)
        throw new OperonError('OPR-291', `there is no token ${id} of a member of workspace ${workspace}`, { details: { id } });
      await access.revokeToken(id);
      for (const each of Object.keys(owner.roles))
        await record(each, { action: 'token.changed', target: `token:${id}`, details: { user: owner.name, revoked: true } });
      return { revoked: true as const };
    },
    async 'secrets.list'({ workspace }) {
      return { secrets: await (await vault(workspace)).list() };
    },
    async 'secrets.set'({ workspace, name, value }) {
      const store = await vault(workspace);
      const outcome = await store.set(name, value);
      await deps.secretsChanged(workspace);
      const stored = name.toUpperCase();
      await record(workspace, { action: outcome === 'created' ? 'secret.created' : 'secret.changed', target: `secret:${stored}` });
      const secret = (await store.list()).find((each) => each.name === stored);
      if (secret === undefined) throw new Error(`unreachable: ${stored} was just stored`);
      return { secret, created: outcome === 'created' };
    },
    async 'secrets.delete'({ workspace, name }) {
      const stored = name.toUpperCase();
      if (!(await (await vault(workspace)).remove(name)))
        throw new OperonError('OPR-292', `there is no secret ${stored} stored in workspace ${workspace}`, { details: { name: stored } });
      await deps.secretsChanged(workspace);
      await record(workspace, { action: 'secret.deleted', target: `secret:${stored}` });
      return { deleted: true as const };
    },
    async 'audit.list'({ workspace, since, until, before, limit, actions }) {
      const root = workspacePaths(deps.dataDir, workspace).root;
      const matching = (
        await readAuditEntries(root, { ...(since === undefined ? {} : { since }), ...(until === undefined ? {} : { until }) })
      )
        .filter((entry) => (before === undefined || entry.seq < before) && (actions === undefined || actions.includes(entry.action)))
        .reverse();
      const entries = matching.slice(0, limit).map(({ prev: _prev, ...entry }) => entry);
      return { entries, more: matching.length > limit };
    },
    async 'audit.verify'({ workspace }) {
      return verifyAudit(workspace, workspacePaths(deps.dataDir, workspace).root);
    },
    async 'audit.export'({ workspace, format, since, until }) {
      const root = workspacePaths(deps.dataDir, workspace).root;
      const entries = await readAuditEntries(root, {
        ...(since === undefined ? {} : { since }),
        ...(until === undefined ? {} : { until }),
      });
      const text = format === 'csv' ? auditCsv(entries) : entries.map((entry) => `${JSON.stringify(entry)}\n`).join('');
      return { fileName: `audit-${workspace}.${format}`, text };
    },
  };
}

function memberOf(user: UserInfo, role: Role): Member {
  return { user: user.name, role, createdAt: user.createdAt, tokens: user.tokens.length };
}
