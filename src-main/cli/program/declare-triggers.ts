import type { Command } from 'commander';

/** Declares `operon activate|deactivate WORKFLOW` and `operon triggers log`; commands/triggers.ts loads only when one runs. */
export function declareTriggers(program: Command): void {
  program
    .command('activate')
    .description(
      'Activate a workflow of the workspace: its triggers (schedule, webhook, file watch, workflow finished) listen while `operon serve` runs',
    )
    .argument('<workflow>', 'the workflow id')
    .action(async (workflowId: string, _options: unknown, command: Command) => {
      const { activateCommand } = await import('../commands/triggers.ts');
      await activateCommand(workflowId, true, command);
    });
  program
    .command('deactivate')
    .description('Deactivate a workflow: its triggers stop listening; runs going on finish, queued firings wait until it is active again')
    .argument('<workflow>', 'the workflow id')
    .action(async (workflowId: string, _options: unknown, command: Command) => {
      const { activateCommand } = await import('../commands/triggers.ts');
      await activateCommand(workflowId, false, command);
    });
  program
    .command('triggers')
    .description("The workspace's triggers")
    .command('log')
    .description('Every firing of every trigger, newest first: time, workflow, trigger, payload size, and the run it started or why none')
    .option('--workflow <id>', "only this workflow's firings")
    .option('--limit <n>', 'at most this many', (v) => Number.parseInt(v, 10), 50)
    .option('--json', 'print the firings as JSON')
    .action(async (options: { workflow?: string; limit: number; json?: boolean }, command: Command) => {
      const { triggersLogCommand } = await import('../commands/triggers.ts');
      await triggersLogCommand(options, command);
    });
}
