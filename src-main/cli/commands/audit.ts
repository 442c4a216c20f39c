import type { Command } from 'commander';
import { OperonError } from '../../../src-shared/errors/operon-error.ts';
import { workspacePaths } from '../../services/data-dir.ts';
import { auditCsv, readAuditEntries } from '../../services/audit/audit-export.ts';
import { verifyAudit } from '../../services/audit/audit-verify.ts';
import { resolveContext, type GlobalOptions } from '../cli-context.ts';
import { EXIT } from '../exit-codes.ts';

/** `operon audit verify`: the chain holds (exit 0), or the first bad line and why (exit 1). */
export async function verifyAuditCommand(options: { json?: boolean }, command: Command): Promise<void> {
  const { dataDir, workspace } = resolveContext(command.optsWithGlobals<GlobalOptions>());
  const verdict = await verifyAudit(workspace, workspacePaths(dataDir, workspace).root);
  if (options.json === true) process.stdout.write(`${JSON.stringify({ workspace, ...verdict })}\n`);
  else if (verdict.ok)
    process.stdout.write(
      `the audit trail of workspace ${workspace} holds: ${verdict.entries} ${verdict.entries === 1 ? 'entry' : 'entries'}\n`,
    );
  else
    process.stdout.write(
      `the audit trail of workspace ${workspace} is broken at line ${verdict.line} of ${verdict.entries}: ${verdict.reason}\n`,
    );
  if (!verdict.ok) process.exitCode = EXIT.failed;
}

/** `operon audit export`: JSON lines (the entries as stored) or CSV, within --since and --until. */
export async function exportAuditCommand(options: { format: string; since?: string; until?: string }, command: Command): Promise<void> {
  const { dataDir, workspace } = resolveContext(command.optsWithGlobals<GlobalOptions>());
  if (options.format !== 'jsonl' && options.format !== 'csv')
    throw new OperonError('OPR-255', `--format must be jsonl or csv, not ${JSON.stringify(options.format)}`);
  const entries = await readAuditEntries(workspacePaths(dataDir, workspace).root, {
    ...(options.since === undefined ? {} : { since: parseTime(options.since, '--since', 'start') }),
    ...(options.until === undefined ? {} : { until: parseTime(options.until, '--until', 'end') }),
  });
  process.stdout.write(options.format === 'csv' ? auditCsv(entries) : entries.map((entry) => `${JSON.stringify(entry)}\n`).join(''));
}

/** A date (its start or end, UTC) or a date and time, as ISO 8601; OPR-255 naming the option otherwise. */
function parseTime(text: string, option: string, edge: 'start' | 'end'): number {
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(text);
  const time = Date.parse(dateOnly ? `${text}T00:00:00Z` : text);
  if (!/^\d{4}-\d{2}-\d{2}/.test(text) || Number.isNaN(time))
    throw new OperonError(
      'OPR-255',
      `${option} ${JSON.stringify(text)} is not a date or time: use ISO 8601, like 2026-12-01 or 2026-12-01T09:00Z`,
    );
  return dateOnly && edge === 'end' ? time + 24 * 60 * 60 * 1000 - 1 : time;
}
