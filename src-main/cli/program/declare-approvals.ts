import type { Command } from 'commander';

/** Declares `operon approvals`; commands/approvals.ts (the run log reader) loads only when it runs. */
export function declareApprovals(program: Command): void {
  program
    .command('approvals')
    .description("Every pending approval across the workspace's waiting runs, oldest first: run, node, since, what to type")
    .option('--json', 'print the approvals as JSON')
    .action(async (options: { json?: boolean }, command: Command) => {
      const { approvalsCommand } = await import('../commands/approvals.ts');
      await approvalsCommand(options, command);
    });
}
