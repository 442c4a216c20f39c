import { Option, type Command } from 'commander';
import { RUN_LIST_STATUSES, type RunListOptions } from '../run-list-filter.ts';

/** Declares `operon runs list|show|compare|resume|prune`; commands/runs.ts (the run log reader, the host) loads only when one runs. */
export function declareRuns(program: Command): void {
  const runs = program.command('runs').description('List runs, show their per-node traces, compare two, resume an interrupted one');
  runs
    .command('list')
    .description('The runs of the workspace, newest first: status, workflow, start, duration and node counts')
    .option('--json', 'print JSON')
    .option('--limit <n>', 'at most this many', (v) => Number.parseInt(v, 10), 50)
    .addOption(new Option('--status <status>', 'only runs in this status').choices(RUN_LIST_STATUSES))
    .option('--workflow <id>', 'only runs of this workflow (its id or name)')
    .action(async (options: RunListOptions, command: Command) => {
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
    .command('compare')
    .description('Two runs node by node: status, duration, whether inputs and outputs changed, model cost')
    .argument('<a>', 'the first run')
    .argument('<b>', 'the run to compare it with')
    .option('--json', 'print the comparison as JSON')
    .action(async (a: string, b: string, options: { json?: boolean }, command: Command) => {
      const { compareRunsCommand } = await import('../commands/runs.ts');
      await compareRunsCommand(a, b, options, command);
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
  runs
    .command('prune')
    .description(
      "Remove runs the workspace policy's retention no longer keeps (older than retention.runDays, beyond retention.maxTotalMb); never a running or waiting run",
    )
    .option('--dry-run', 'print what would be removed, remove nothing')
    .option('--json', 'print JSON')
    .action(async (options: { dryRun?: boolean; json?: boolean }, command: Command) => {
      const { pruneRunsCommand } = await import('../commands/runs-prune.ts');
      await pruneRunsCommand(options, command);
    });
}
