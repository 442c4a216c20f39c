import type { Command } from 'commander';

/** Declares `operon runs list|show|resume`; commands/runs.ts (the run log reader, the host) loads only when one runs. */
export function declareRuns(program: Command): void {
  const runs = program.command('runs').description('List runs, show their per-node traces, resume an interrupted one');
  runs
    .command('list')
    .description('The runs of the workspace, newest first')
    .option('--json', 'print JSON')
    .option('--limit <n>', 'at most this many', (v) => Number.parseInt(v, 10), 50)
    .action(async (options: { json?: boolean; limit: number }, command: Command) => {
      const { listRunsCommand } = await import('../commands/runs.ts');
      await listRunsCommand(options, command);
    });
  runs
    .command('show')
    .description("A run's per-node trace: inputs, attempts, errors, outputs, durations, cache hits, decisions")
    .argument('<runId>')
    .option('--node <id>', "print that node's whole log")
    .option('--json', 'print run.json and the events as JSON')
    .action(async (runId: string, options: { node?: string; json?: boolean }, command: Command) => {
      const { showRunCommand } = await import('../commands/runs.ts');
      await showRunCommand(runId, options, command);
    });
  runs
    .command('resume')
    .description('Continue an interrupted run (its process died) in this process: finished nodes are not run again')
    .argument('<runId>', 'the interrupted run')
    .option('--json', 'print one JSON object and no progress')
    .action(async (runId: string, options: { json?: boolean }, command: Command) => {
      const { resumeRunCommand } = await import('../commands/runs.ts');
      await resumeRunCommand(runId, options, command);
    });
}
