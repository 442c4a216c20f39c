import type { Command } from 'commander';
import pc from 'picocolors';
import { OperonError } from '../../../src-shared/errors/operon-error.ts';
import { workspacePaths } from '../../services/data-dir.ts';
import { readPolicy } from '../../services/policy/policy-file.ts';
import { pruneRuns } from '../../services/policy/run-retention.ts';
import { checkedContext, type GlobalOptions } from '../cli-context.ts';
import { formatTime } from '../format-values.ts';

/** `operon runs prune [--dry-run]`: applies the policy's retention and prints each run removed, and why. */
export async function pruneRunsCommand(options: { dryRun?: boolean; json?: boolean }, command: Command): Promise<void> {
  const { dataDir, workspace } = await checkedContext(command.optsWithGlobals<GlobalOptions>());
  const paths = workspacePaths(dataDir, workspace);
  const policy = await readPolicy(paths.root);
  const retention = policy?.retention;
  if (retention?.runDays === undefined && retention?.maxTotalMb === undefined)
    throw new OperonError(
      'OPR-267',
      `workspace ${workspace} has ${policy === undefined ? 'no policy' : 'no retention rule in its policy'}: set retention.runDays or retention.maxTotalMb (operon policy set FILE)`,
    );
  const result = await pruneRuns({ runsDir: paths.runs, retention, now: Date.now(), dryRun: options.dryRun === true });
  if (options.json === true) {
    process.stdout.write(`${JSON.stringify({ workspace, dryRun: options.dryRun === true, ...result })}\n`);
    return;
  }
  const verb = options.dryRun === true ? 'would remove' : 'removed';
  for (const run of result.removed) {
    const why =
      run.reason === 'age' ? `ended ${formatTime(run.endedAt)}, past ${retention.runDays} days` : `over ${retention.maxTotalMb} MB`;
    process.stdout.write(`${pc.dim(verb)} ${run.runId}  ${run.workflowId}  ${formatMb(run.bytes)}  (${why})\n`);
  }
  const count = result.removed.length;
  process.stdout.write(
    `${count === 0 ? `nothing to prune` : `${verb} ${count} ${count === 1 ? 'run' : 'runs'}`} in workspace ${workspace}; runs now take ${formatMb(result.keptBytes)}\n`,
  );
}

function formatMb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(2)} MB`;
}
