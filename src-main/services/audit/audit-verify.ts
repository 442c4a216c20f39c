import { readFile } from 'node:fs/promises';
import { AuditEntrySchema, genesisHash, sha256, type AuditEntry } from './audit-entry.ts';
import { AuditHeadSchema, auditPaths, readAuditLines } from './audit-log.ts';

/** What `operon audit verify` finds: the whole chain holds, or the first line that breaks it (1-based) and how. */
export type AuditVerdict = { ok: true; entries: number } | { ok: false; entries: number; line: number; reason: string };

/**
 * Checks a workspace's trail: every line an entry, numbered 1, 2, 3… in order, each carrying the SHA-256 of the line
 * before it, and the last one matching `head.json`. A changed line is named by the line after it no longer following
 * it; a removed line by the gap in the numbers; swapped lines by the first number out of order; a changed or removed
 * last line by the head.
 */
export async function verifyAudit(workspace: string, workspaceRoot: string): Promise<AuditVerdict> {
  const paths = auditPaths(workspaceRoot);
  const lines = await readAuditLines(paths.file);
  const entries: AuditEntry[] = [];
  for (const [index, line] of lines.entries()) {
    const number = index + 1;
    const entry = parseEntry(line);
    if (entry === undefined) return broken(lines, number, 'it is not an audit entry (changed, or cut off)');
    if (entry.seq !== number)
      return broken(
        lines,
        number,
        entry.seq > number && !lines.slice(index + 1).some((later) => parseEntry(later)?.seq === number)
          ? `it is entry ${entry.seq} where entry ${number} should be: ${entry.seq - number === 1 ? 'a line was' : 'lines were'} removed before it`
          : `it is entry ${entry.seq} where entry ${number} should be, out of order: lines were moved`,
      );
    const expected = index === 0 ? genesisHash(workspace) : sha256(lines[index - 1] ?? '');
    if (entry.prev !== expected)
      return index === 0
        ? broken(lines, 1, `it does not start this workspace's trail (it belongs to another workspace, or was changed)`)
        : broken(lines, number - 1, `it was changed: line ${number} carries a different hash of it`);
    entries.push(entry);
  }
  const head = await readHead(paths.head);
  if (head === undefined)
    return lines.length === 0 ? { ok: true, entries: 0 } : broken(lines, lines.length, 'head.json is missing or damaged');
  if (head.seq > lines.length)
    return broken(
      lines,
      lines.length,
      `the trail ends at entry ${lines.length} but head.json says ${head.seq}: the last lines were removed`,
    );
  const last = lines[head.seq - 1];
  if (head.seq > 0 && (last === undefined || sha256(last) !== head.hash))
    return broken(lines, head.seq, 'it was changed: head.json carries a different hash of it');
  // One entry past the head: appended, then the process stopped before head.json was written. The chain still holds.
  if (lines.length - head.seq > 1) return broken(lines, head.seq + 2, 'it is past the end head.json records');
  return { ok: true, entries: entries.length };
}

function parseEntry(line: string): AuditEntry | undefined {
  try {
    const parsed = AuditEntrySchema.safeParse(JSON.parse(line));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

async function readHead(file: string) {
  try {
    const parsed = AuditHeadSchema.safeParse(JSON.parse(await readFile(file, 'utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

function broken(lines: readonly string[], line: number, reason: string): AuditVerdict {
  return { ok: false, entries: lines.length, line, reason };
}
