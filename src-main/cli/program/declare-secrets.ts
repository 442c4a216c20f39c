import type { Command } from 'commander';

/** Declares `operon secrets …`; commands/secrets.ts (and node:crypto's store) loads only when one runs. */
export function declareSecrets(program: Command): void {
  const secrets = program
    .command('secrets')
    .description("The workspace's stored secrets, encrypted at rest (AES-256-GCM); values are never printed back");
  const load = () => import('../commands/secrets.ts');

  secrets
    .command('set')
    .description('Store a secret, read from standard input (or typed at a hidden prompt), never from the command line')
    .argument('<name>', 'letters, digits and _, starting with a letter; $secret("name") reads it')
    .action(async (name: string, _options: unknown, command: Command) => (await load()).setSecretCommand(name, command));

  secrets
    .command('list')
    .description('The names of the stored secrets, with when each was stored and last changed')
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }, command: Command) => (await load()).listSecretsCommand(options, command));

  secrets
    .command('delete')
    .description('Remove a stored secret')
    .argument('<name>')
    .action(async (name: string, _options: unknown, command: Command) => (await load()).deleteSecretCommand(name, command));

  secrets
    .command('rotate-key')
    .description(
      'Seal every stored secret of every workspace with a new key (a new key file, or OPERON_SECRET_NEW_KEY when the key is in OPERON_SECRET_KEY)',
    )
    .action(async (_options: unknown, command: Command) => (await load()).rotateKeyCommand(command));
}
