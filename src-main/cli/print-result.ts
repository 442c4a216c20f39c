import pc from 'picocolors';
import type { RunResult } from '../../src-shared/engine/api.ts';
import { formatProblem, type Problem } from '../../src-shared/errors/operon-error.ts';
import { formatDuration, formatLlmTotals } from './format-values.ts';

/** The end of a run for a person: status, totals, outputs or what to do next. */
export function printRunResult(result: RunResult, logDir: string, redact: (text: string) => string): void {
  const out = (text: string): boolean => process.stdout.write(redact(text));
  const err = (text: string): boolean => process.stderr.write(redact(text));
  const { totals } = result;
  const counts = [
    `${totals.succeeded} succeeded`,
    totals.failed > 0 ? `${totals.failed} failed` : '',
    (totals.cancelled ?? 0) > 0 ? `${totals.cancelled} cancelled` : '',
    totals.skipped > 0 ? `${totals.skipped} skipped` : '',
    totals.cached > 0 ? `${totals.cached} cached` : '',
    (totals.reused ?? 0) > 0 ? `${totals.reused} reused` : '',
  ]
    .filter(Boolean)
    .join(', ');
  const head = {
    succeeded: pc.green('✓ succeeded'),
    failed: pc.red('✗ failed'),
    cancelled: pc.yellow('■ cancelled'),
    waiting: pc.yellow('⏸ waiting'),
  }[result.status];
  out(`${head}  run ${result.runId} · ${totals.nodes} nodes: ${counts} · ${formatDuration(totals.durationMs)}\n`);
  const llm = formatLlmTotals(totals.llm);
  if (llm !== undefined) out(`${llm}\n`);
  if (result.error !== undefined) err(`${pc.red(result.error.code)} ${result.error.message}\n`);
  if (result.status === 'waiting') {
    for (const { nodeId, request } of result.pending) {
      out(`\n  ${pc.bold(nodeId)}: ${request.title}${request.message === '' ? '' : `: ${request.message}`}\n`);
      out(`    operon approve ${result.runId} --node ${nodeId} [--comment "…"] [--value JSON]\n`);
      out(`    operon reject ${result.runId} --node ${nodeId} [--comment "…"]\n`);
    }
  }
  if (Object.keys(result.outputs).length > 0) out(`\noutputs:\n${JSON.stringify(result.outputs, null, 2)}\n`);
  out(`\nlogs: ${logDir}\n`);
}

/** The result as one JSON object for scripts (with `extra` fields after the result's own). */
export function printRunJson(result: RunResult, logDir: string, redact: (text: string) => string, extra?: Record<string, unknown>): void {
  const { runId, status, outputs, totals, error, pending } = result;
  const json = JSON.stringify({
    ...extra,
    runId,
    status,
    outputs,
    totals,
    ...(error === undefined ? {} : { error }),
    ...(pending.length > 0 ? { pending } : {}),
    logDir,
  });
  process.stdout.write(`${redact(json)}\n`);
}

export function printProblems(problems: readonly Problem[], json: boolean, file: string): void {
  if (json) {
    process.stdout.write(`${JSON.stringify({ status: 'invalid', file, problems })}\n`);
    return;
  }
  process.stderr.write(`${pc.red('✗ invalid')}  ${file}: ${problems.length} problem${problems.length === 1 ? '' : 's'}\n`);
  for (const problem of problems) process.stderr.write(`  ${formatProblem(problem)}\n`);
}
