import { AuditEntrySchema, type AuditEntry } from './audit-entry.ts';
import { auditPaths, readAuditLines } from './audit-log.ts';

export interface AuditFilter {
  /** Entries at or after this time (ms). */
  since?: number;
  /** Entries at or before this time (ms). */
  until?: number;
}

/** The trail's entries within the bounds, oldest first (lines that are not entries are left out: `verify` names them). */
export async function readAuditEntries(workspaceRoot: string, filter: AuditFilter = {}): Promise<AuditEntry[]> {
  const lines = await readAuditLines(auditPaths(workspaceRoot).file);
  return lines.flatMap((line) => {
    let entry: AuditEntry;
    try {
      const parsed = AuditEntrySchema.safeParse(JSON.parse(line));
      if (!parsed.success) return [];
      entry = parsed.data;
    } catch {
      return [];
    }
    if (filter.since !== undefined && entry.at < filter.since) return [];
    if (filter.until !== undefined && entry.at > filter.until) return [];
    return [entry];
  });
}

const CSV_COLUMNS = ['seq', 'at', 'actor', 'action', 'target', 'details', 'prev'] as const;

/** The entries as CSV (RFC 4180: a header row, CRLF, fields quoted where they must be), times as ISO 8601. */
export function auditCsv(entries: readonly AuditEntry[]): string {
  const rows = entries.map((entry) =>
    [
      String(entry.seq),
      new Date(entry.at).toISOString(),
      entry.actor,
      entry.action,
      entry.target,
      entry.details === undefined ? '' : JSON.stringify(entry.details),
      entry.prev,
    ].map(csvField),
  );
  return [CSV_COLUMNS.join(','), ...rows.map((row) => row.join(','))].map((row) => `${row}\r\n`).join('');
}

function csvField(text: string): string {
  // A field a spreadsheet would run as a formula is kept as text.
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}
