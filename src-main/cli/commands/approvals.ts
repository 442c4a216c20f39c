import type { Command } from 'commander';
import pc from 'picocolors';
import { workspacePaths } from '../../services/data-dir.ts';
import { listPendingApprovals } from '../../services/run-log/pending-approvals.ts';
import { registry, resolveContext, type GlobalOptions } from '../cli-context.ts';
import { formatTime } from '../format-values.ts';

/** `operon approvals`: the approvals inbox, every pending approval of the workspace's waiting runs, oldest first. */
export async function approvalsCommand(options: { json?: boolean }, command: Command): Promise<void> {
  const { dataDir, workspace } = resolveContext(command.optsWithGlobals<GlobalOptions>());
  const approvals = await listPendingApprovals(workspacePaths(dataDir, workspace).runs, (type) => registry.get(type)?.title);
  if (options.json === true) {
    process.stdout.write(`${JSON.stringify({ approvals })}\n`);
    return;
  }
  if (approvals.length === 0) {
    process.stdout.write('no approvals waiting\n');
    return;
  }
  process.stdout.write(`${approvals.length} approval${approvals.length === 1 ? '' : 's'} waiting\n`);
  for (const item of approvals) {
    const node = item.nodeLabel ?? item.nodeId;
    process.stdout.write(
      `\n${pc.bold(node)}: ${item.request.title}${item.request.message === '' ? '' : `: ${item.request.message}`}\n` +
        `  run ${item.runId} · ${item.workflowName ?? item.workflowId} · waiting since ${formatTime(item.since)}\n` +
        `  operon approve ${item.runId} --node ${item.nodeId}   ·   operon reject ${item.runId} --node ${item.nodeId}\n`,
    );
  }
}
