import { appendFile, mkdir, open, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import lockfile from 'proper-lockfile';
import { z } from 'zod';
import { writeFileAtomic } from '../atomic-write.ts';
import { AuditEntrySchema, genesisHash, sha256, type AuditEntry, type AuditRecord } from './audit-entry.ts';

/** The audit trail of a workspace: `<workspace>/audit/audit.jsonl`, append-only, and `head.json`, its last line's hash. */
export const AUDIT_DIR = 'audit';
export const AUDIT_FILE = 'audit.jsonl';
export const HEAD_FILE = 'head.json';

export const AuditHeadSchema = z.object({ seq: z.int().min(0), hash: z.string() });

/** Who a person acting through the CLI is: `OPERON_USER`, else the OS user. */
export function localActor(env: NodeJS.ProcessEnv): string {
  const named = env.OPERON_USER?.trim();
  if (named !== undefined && named !== '') return named;
  try {
    return os.userInfo().username;
  } catch {
    return 'unknown';
  }
}

export interface AuditLog {
  file: string;
  /** Appends one entry, chained to the last; serialised across processes by a lock on the audit folder. */
  record(record: AuditRecord): Promise<AuditEntry>;
}

export function auditPaths(workspaceRoot: string): { dir: string; file: string; head: string } {
  const dir = path.join(workspaceRoot, AUDIT_DIR);
  return { dir, file: path.join(dir, AUDIT_FILE), head: path.join(dir, HEAD_FILE) };
}

export function createAuditLog(options: { workspace: string; workspaceRoot: string; now?: () => number }): AuditLog {
  const paths = auditPaths(options.workspaceRoot);
  const now = options.now ?? Date.now;
  let queue: Promise<unknown> = Promise.resolve();

  const append = async (record: AuditRecord): Promise<AuditEntry> => {
    await mkdir(paths.dir, { recursive: true, mode: 0o700 });
    const release = await lockfile.lock(paths.dir, {
      lockfilePath: `${paths.dir}.lock`,
      retries: { retries: 50, minTimeout: 20, maxTimeout: 500 },
      stale: 10_000,
    });
    try {
      const last = await lastLine(paths.file);
      const previous = last === undefined ? undefined : AuditEntrySchema.safeParse(JSON.parse(last));
      const entry: AuditEntry = {
        seq: previous?.success === true ? previous.data.seq + 1 : 1,
        at: now(),
        actor: record.actor,
        action: record.action,
        target: record.target,
        ...(record.details === undefined ? {} : { details: record.details }),
        prev: last === undefined ? genesisHash(options.workspace) : sha256(last),
      };
      const line = JSON.stringify(AuditEntrySchema.parse(entry));
      await appendFile(paths.file, `${line}\n`, { mode: 0o600 });
      await writeFileAtomic(paths.head, `${JSON.stringify({ seq: entry.seq, hash: sha256(line) })}\n`, { mode: 0o600 });
      return entry;
    } finally {
      await release();
    }
  };

  return {
    file: paths.file,
    record(record) {
      const next = queue.then(() => append(record));
      queue = next.catch(() => undefined);
      return next;
    },
  };
}

/** The last whole line of a file (read from its end), or undefined for a missing or empty file. */
async function lastLine(file: string): Promise<string | undefined> {
  let handle;
  try {
    handle = await open(file, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  try {
    const { size } = await handle.stat();
    if (size === 0) return undefined;
    for (let window = 4096; ; window *= 4) {
      const start = Math.max(0, size - window);
      const buffer = Buffer.alloc(size - start);
      await handle.read(buffer, 0, buffer.length, start);
      const text = buffer.toString('utf8').replace(/\n$/, '');
      const cut = text.lastIndexOf('\n');
      if (cut >= 0) return text.slice(cut + 1);
      if (start === 0) return text;
    }
  } finally {
    await handle.close();
  }
}

/** Every line of the trail, as text (without the newline). */
export async function readAuditLines(file: string): Promise<string[]> {
  try {
    const text = await readFile(file, 'utf8');
    return text === '' ? [] : text.replace(/\n$/, '').split('\n');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}
