import type { Command } from 'commander';

/** Declares `operon users …` and `operon tokens …`; commands/users.ts loads only when one runs. */
export function declareUsers(program: Command): void {
  const load = () => import('../commands/users.ts');
  const users = program
    .command('users')
    .description('Who may use `operon serve`, with a role per workspace: owner, editor, operator, approver or viewer');
  users
    .command('add')
    .description('Give a user a role in the workspace (--workspace), adding the user when new; changes the role when it has one')
    .argument('<name>')
    .requiredOption('--role <role>', 'owner, editor, operator, approver or viewer')
    .action(async (name: string, options: { role: string }, command: Command) => (await load()).addUserCommand(name, options, command));
  users
    .command('list')
    .description('Every user, with their roles and token ids (never a token)')
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }, command: Command) => (await load()).listUsersCommand(options, command));
  users
    .command('remove')
    .description("Take a user's role in the workspace away; with --everywhere, remove the user and every token of theirs")
    .argument('<name>')
    .option('--everywhere', 'remove the user from every workspace, and their tokens')
    .action(async (name: string, options: { everywhere?: boolean }, command: Command) =>
      (await load()).removeUserCommand(name, options, command),
    );

  const tokens = program.command('tokens').description('API tokens for `operon serve`, each acting as one user');
  tokens
    .command('create')
    .description('Make a token for a user: printed once, kept only as its SHA-256')
    .requiredOption('--user <name>')
    .option('--label <text>', 'what it is for (shown by users list)')
    .action(async (options: { user: string; label?: string }, command: Command) => (await load()).createTokenCommand(options, command));
  tokens
    .command('revoke')
    .description('Revoke a token by its id (users list shows them); new connections with it are refused at once')
    .argument('<id>')
    .action(async (id: string, _options: unknown, command: Command) => (await load()).revokeTokenCommand(id, command));
}
