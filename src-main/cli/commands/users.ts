import type { Command } from 'commander';
import { RoleSchema } from '../../../src-shared/api/permissions.ts';
import { OperonError } from '../../../src-shared/errors/operon-error.ts';
import { createAccessStore, userName } from '../../services/access/access-store.ts';
import { createAuditLog, localActor } from '../../services/audit/audit-log.ts';
import { workspacePaths } from '../../services/data-dir.ts';
import { checkedContext, resolveContext, type GlobalOptions } from '../cli-context.ts';

async function context(command: Command) {
  const { dataDir, workspace } = await checkedContext(command.optsWithGlobals<GlobalOptions>());
  const audit = (inWorkspace: string) =>
    createAuditLog({ workspace: inWorkspace, workspaceRoot: workspacePaths(dataDir, inWorkspace).root });
  return { dataDir, workspace, access: createAccessStore(dataDir), audit, actor: localActor(process.env) };
}

export async function addUserCommand(name: string, options: { role: string }, command: Command): Promise<void> {
  const role = RoleSchema.safeParse(options.role);
  if (!role.success)
    throw new OperonError('OPR-257', `--role must be owner, editor, operator, approver or viewer, not ${JSON.stringify(options.role)}`);
  const { workspace, access, audit, actor } = await context(command);
  const outcome = await access.setRole(name, workspace, role.data);
  await audit(workspace).record({ actor, action: 'member.changed', target: `user:${userName(name)}`, details: { role: role.data } });
  process.stdout.write(`${outcome === 'created' ? 'added' : 'changed'} ${userName(name)}: ${role.data} in workspace ${workspace}\n`);
}

export async function listUsersCommand(options: { json?: boolean }, command: Command): Promise<void> {
  // Reading needs no writable data folder.
  const { dataDir } = resolveContext(command.optsWithGlobals<GlobalOptions>());
  const users = await createAccessStore(dataDir).list();
  if (options.json === true) {
    process.stdout.write(`${JSON.stringify({ users })}\n`);
    return;
  }
  if (users.length === 0) {
    process.stdout.write('no users: operon serve takes only its own token (a one-person setup)\n');
    return;
  }
  for (const user of users) {
    const roles = Object.entries(user.roles).map(([workspace, role]) => `${role} in ${workspace}`);
    const tokens = user.tokens.map((token) => (token.label === undefined ? token.id : `${token.id} (${token.label})`));
    process.stdout.write(`${user.name}: ${roles.join(', ') || 'no roles'}; tokens: ${tokens.join(', ') || 'none'}\n`);
  }
}

export async function removeUserCommand(name: string, options: { everywhere?: boolean }, command: Command): Promise<void> {
  const { workspace, access, audit, actor } = await context(command);
  const before = (await access.list()).find((user) => user.name === userName(name));
  const removed = await access.remove(name, options.everywhere === true ? undefined : workspace);
  if (!removed)
    throw new OperonError(
      'OPR-257',
      `${userName(name)} has no role ${options.everywhere === true ? 'anywhere' : `in workspace ${workspace}`}`,
    );
  const workspaces = options.everywhere === true ? Object.keys(before?.roles ?? {}) : [workspace];
  for (const each of workspaces)
    await audit(each).record({ actor, action: 'member.changed', target: `user:${userName(name)}`, details: { role: null } });
  process.stdout.write(
    options.everywhere === true
      ? `removed ${userName(name)} and their tokens\n`
      : `removed ${userName(name)} from workspace ${workspace}\n`,
  );
}

export async function createTokenCommand(options: { user: string; label?: string }, command: Command): Promise<void> {
  const { access, audit, actor } = await context(command);
  const { id, token } = await access.createToken(options.user, options.label);
  const user = (await access.list()).find((each) => each.name === userName(options.user));
  for (const workspace of Object.keys(user?.roles ?? {}))
    await audit(workspace).record({
      actor,
      action: 'token.changed',
      target: `token:${id}`,
      details: { user: userName(options.user), created: true },
    });
  process.stderr.write(`token ${id} for ${userName(options.user)}; it is shown this once:\n`);
  process.stdout.write(`${token}\n`);
}

export async function revokeTokenCommand(id: string, command: Command): Promise<void> {
  const { access, audit, actor } = await context(command);
  const owner = (await access.list()).find((user) => user.tokens.some((token) => token.id === id));
  if (!(await access.revokeToken(id))) throw new OperonError('OPR-257', `there is no token ${id}`);
  for (const workspace of Object.keys(owner?.roles ?? {}))
    await audit(workspace).record({ actor, action: 'token.changed', target: `token:${id}`, details: { user: owner?.name, revoked: true } });
  process.stdout.write(`revoked token ${id}\n`);
}
