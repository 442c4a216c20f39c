import type { Command } from 'commander';
import type { GlobalOptions } from '../cli-context.ts';

/** Declares `operon validate`; commands/validate.ts (the workflow schema, the node types) loads only when it runs. */
export function declareValidate(program: Command): void {
  program
    .command('validate')
    .description(
      'Check a workflow file and list every problem with its node or edge id; runs nothing. Warns of a model provider not configured here',
    )
    .argument('<file>', 'the workflow file')
    .option('--json', 'print the result as JSON')
    .action(async (file: string, options: { json?: boolean }, command: Command) => {
      const { validateCommand } = await import('../commands/validate.ts');
      await validateCommand(file, options, command.optsWithGlobals<GlobalOptions>());
    });
}
