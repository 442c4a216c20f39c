import type { Command } from 'commander';
import pc from 'picocolors';
import { readRunComparison } from '../../services/run-log/run-comparison.ts';
import { listRuns, readEvents, readNodeLog, readRun } from '../../services/run-log/run-reader.ts';
import { comparisonJson, formatComparison } from '../format-compare.ts';
import { filterRuns, type RunListOptions } from '../run-list-filter.ts';
import { openHost, registry, resolveContext, type GlobalOptions } from '../cli-context.ts';
import { createProgressView } from '../progress-view.ts';
import { runUntilDone } from '../run-until-done.ts';
import { workspacePaths } from '../../services/data-dir.ts';
import { formatDuration, formatLlmTotals, formatTime } from '../format-values.ts';
import { describeEvent, nodeTrace, statusColor } from '../format-trace.ts';

/** `operon runs list`: the workspace's runs, newest first. */
export async function listRunsCommand(options: RunListOptions, command: Command): Promise<void> {
  const all = await listRuns(runsDir(command));
  const entries = filterRuns(all, options).slice(0, options.limit);
  if (options.json === true) {
    process.stdout.write(`${JSON.stringify(entries)}\n`);
    return;
  }
  if (entries.length === 0) process.stdout.write(all.length === 0 ? 'no runs yet\n' : 'no runs match\n');
  else
    process.stdout.write(
      pc.dim(
        `${'run'.padEnd(entries[0]?.runId.length ?? 0)}  ${'status'.padEnd(11)} ${'workflow'.padEnd(28)} ${'started'.padEnd(20)}  ${'duration'.padStart(8)}  nodes\n`,
      ),
    );
  for (const entry of entries) {
    if (entry.kind === 'damaged') {
      process.stdout.write(`${entry.runId}  ${pc.red('damaged')}  ${entry.problem}\n`);
      continue;
    }
    const status = entry.interrupted ? 'interrupted' : entry.status;
    const duration = entry.endedAt === undefined ? undefined : entry.endedAt - entry.startedAt;
    const counts =
      entry.totals === undefined
        ? ''
        : `✓${entry.totals.succeeded} ✗${entry.totals.failed} ↷${entry.totals.skipped}${entry.totals.cached > 0 ? ` ≡${entry.totals.cached}` : ''}${(entry.totals.reused ?? 0) > 0 ? ` ⇢${entry.totals.reused}` : ''}${(entry.totals.cancelled ?? 0) > 0 ? ` ■${entry.totals.cancelled}` : ''}`;
    const child = entry.parent === undefined ? '' : pc.dim(` (child of ${entry.parent.runId})`);
    process.stdout.write(
      `${entry.runId}  ${statusColor(status)(status.padEnd(11))} ${(entry.workflowName ?? entry.workflowId).padEnd(28)} ${formatTime(entry.startedAt)}  ${formatDuration(duration).padStart(8)}  ${counts}${child}\n`,
    );
  }
}

/** `operon runs show RUN`: a run's per-node trace, or one node's whole log. */
export async function showRunCommand(runId: string, options: { node?: string; json?: boolean }, command: Command): Promise<void> {
  const dir = runsDir(command);
  const run = await readRun(dir, runId);
  const log = options.node === undefined ? await readEvents(dir, runId) : await readNodeLog(dir, runId, options.node);
  for (const warning of log.warnings) process.stderr.write(`${pc.yellow('warning')} ${warning}\n`);
  if (options.json === true) {
    process.stdout.write(`${JSON.stringify({ run, events: log.events })}\n`);
    return;
  }
  const status = run.interrupted ? `interrupted (its process ${run.pid} is gone; last event #${run.lastSeq})` : run.status;
  process.stdout.write(
    `${pc.bold(`run ${run.runId}`)} · ${run.workflowName ?? run.workflowId} · ${statusColor(run.interrupted ? 'interrupted' : run.status)(status)}\n`,
  );
  const ended = run.endedAt === undefined ? '' : ` · ${formatDuration(run.endedAt - run.startedAt)}`;
  process.stdout.write(
    `started ${formatTime(run.startedAt)}${ended} · trigger ${run.trigger.type}${run.parent === undefined ? '' : ` · child of ${run.parent.runId}/${run.parent.nodeId}`}\n`,
  );
  process.stdout.write(`inputs  ${JSON.stringify(run.inputs)}\n`);
  const llm = formatLlmTotals(run.totals?.llm);
  if (llm !== undefined) process.stdout.write(`models  ${llm}\n`);
  if (run.error !== undefined) process.stdout.write(`${pc.red(run.error.code)} ${run.error.message}\n`);
  process.stdout.write('\n');
  if (options.node !== undefined) {
    for (const event of log.events) if ('nodeId' in event) process.stdout.write(`${describeEvent(event)}\n`);
    return;
  }
  for (const line of nodeTrace(log.events)) process.stdout.write(`${line}\n`);
  if (run.pending !== undefined && run.pending.length > 0) {
    process.stdout.write(
      `\nwaiting for: ${run.pending.map((p) => `${p.nodeId} (${p.request.title})`).join(', ')}\n  operon approve ${run.runId} --node ${run.pending[0]?.nodeId ?? ''}\n`,
    );
  }
  if (run.interrupted && run.parent === undefined) process.stdout.write(`\ncontinue it: operon runs resume ${run.runId}\n`);
  if (run.outputs !== undefined && Object.keys(run.outputs).length > 0)
    process.stdout.write(`\noutputs ${JSON.stringify(run.outputs, null, 2)}\n`);
}

/** `operon runs compare A B`: two runs node by node. */
export async function compareRunsCommand(a: string, b: string, options: { json?: boolean }, command: Command): Promise<void> {
  const comparison = await readRunComparison(runsDir(command), a, b, (type) => registry.get(type)?.title);
  if (options.json === true) process.stdout.write(`${JSON.stringify(comparisonJson(comparison))}\n`);
  else for (const line of formatComparison(comparison)) process.stdout.write(`${line}\n`);
}

/** `operon runs resume RUN`: continues an interrupted run in this process. */
export async function resumeRunCommand(runId: string, options: { json?: boolean }, command: Command): Promise<void> {
  const host = await openHost(command.optsWithGlobals<GlobalOptions>());
  const json = options.json === true;
  const view = json ? undefined : await createProgressView(process.stderr, process.stderr.isTTY, (text) => host.redact(text));
  process.exitCode = await runUntilDone(
    host,
    (signal) => host.resumeInterrupted({ runId, signal, ...(view === undefined ? {} : { onEvent: (event) => view.onEvent(event) }) }),
    view,
    json,
  );
}

function runsDir(command: Command): string {
  const { dataDir, workspace } = resolveContext(command.optsWithGlobals<GlobalOptions>());
  return workspacePaths(dataDir, workspace).runs;
}
