import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { WORKSPACE_ID_PATTERN, workspacePaths } from '../../services/data-dir.ts';
import { readPolicy } from '../../services/policy/policy-file.ts';
import { pruneRuns } from '../../services/policy/run-retention.ts';

const DAY_MS = 86_400_000;

/**
 * While Operon runs as a service: applies each workspace policy's retention (as `operon runs prune` does) at once and
 * then once a day, logging what it removed. A workspace whose policy cannot be read is logged and skipped. Returns the
 * function that stops it; `onPass` is told after each pass.
 */
export function startRetentionTimer(options: {
  dataDir: string;
  log: (line: string) => void;
  intervalMs?: number;
  now?: () => number;
  onPass?: () => void;
}): () => void {
  const now = options.now ?? Date.now;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const pass = async (): Promise<void> => {
    const names = await readdir(path.join(options.dataDir, 'workspaces')).catch(() => [] as string[]);
    for (const workspace of names.filter((name) => WORKSPACE_ID_PATTERN.test(name))) {
      try {
        const paths = workspacePaths(options.dataDir, workspace);
        const retention = (await readPolicy(paths.root))?.retention;
        if (retention === undefined || (retention.runDays === undefined && retention.maxTotalMb === undefined)) continue;
        const { removed } = await pruneRuns({ runsDir: paths.runs, retention, now: now() });
        if (removed.length > 0)
          options.log(
            `workspace ${workspace}: retention removed ${removed.length} ${removed.length === 1 ? 'run' : 'runs'} (${removed.map((run) => run.runId).join(', ')})`,
          );
      } catch (error) {
        options.log(`workspace ${workspace}: retention could not run: ${(error as Error).message}`);
      }
    }
  };
  const schedule = (): void => {
    void pass().finally(() => {
      options.onPass?.();
      if (!stopped) timer = setTimeout(schedule, options.intervalMs ?? DAY_MS);
    });
  };
  schedule();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}
