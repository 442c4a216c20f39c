import { readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { TenantPolicy } from '../../../src-shared/policy/policy-schema.ts';
import { listRuns } from '../run-log/run-reader.ts';

const DAY_MS = 86_400_000;

/** One run that retention removes (or would, in a dry run), and why. */
export interface PrunedRun {
  runId: string;
  workflowId: string;
  endedAt: number;
  bytes: number;
  reason: 'age' | 'size';
}

export interface PruneResult {
  removed: PrunedRun[];
  /** The runs folder's size after pruning (or as it would be). */
  keptBytes: number;
}

/**
 * Applies the policy's retention to a workspace's runs: those that ended more than `runDays` ago, then the oldest
 * beyond `maxTotalMb` in all. A running or waiting run is never removed (nor counted as removable), and neither is a
 * damaged one (a person looks at it). With `dryRun`, nothing is deleted: the result says what would be.
 */
export async function pruneRuns(options: {
  runsDir: string;
  retention: TenantPolicy['retention'];
  now: number;
  dryRun?: boolean;
}): Promise<PruneResult> {
  const { runsDir, retention, now } = options;
  const runs = await listRuns(runsDir);
  const sized = await Promise.all(runs.map(async (entry) => ({ entry, bytes: await folderBytes(path.join(runsDir, entry.runId)) })));
  let total = sized.reduce((sum, run) => sum + run.bytes, 0);
  const finished = sized
    .flatMap(({ entry, bytes }) =>
      entry.kind === 'run' && entry.status !== 'running' && entry.status !== 'waiting'
        ? [{ runId: entry.runId, workflowId: entry.workflowId, endedAt: entry.endedAt ?? entry.startedAt, bytes }]
        : [],
    )
    .sort((a, b) => a.endedAt - b.endedAt);
  const removed: PrunedRun[] = [];
  const cutoff = retention.runDays === undefined ? undefined : now - retention.runDays * DAY_MS;
  const maxBytes = retention.maxTotalMb === undefined ? undefined : retention.maxTotalMb * 1024 * 1024;
  for (const run of finished) {
    const reason = cutoff !== undefined && run.endedAt < cutoff ? 'age' : maxBytes !== undefined && total > maxBytes ? 'size' : undefined;
    if (reason === undefined) continue;
    removed.push({ ...run, reason });
    total -= run.bytes;
  }
  if (options.dryRun !== true) {
    for (const run of removed) await rm(path.join(runsDir, run.runId), { recursive: true, force: true });
  }
  return { removed, keptBytes: total };
}

/** The bytes of every file under `dir`. */
async function folderBytes(dir: string): Promise<number> {
  let total = 0;
  const entries = await readdir(dir, { withFileTypes: true, recursive: true }).catch(() => []);
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    total += (await stat(path.join(entry.parentPath, entry.name)).catch(() => ({ size: 0 }))).size;
  }
  return total;
}
