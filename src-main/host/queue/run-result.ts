import type { RunResult } from '../../../src-shared/engine/api.ts';
import type { RunInfo } from '../../services/run-log/run-reader.ts';

/** A run's result as a launcher's handle gives it, from the run.json a worker left (queue mode: the run ran elsewhere). */
export function resultFromRun(run: RunInfo, status: RunResult['status']): RunResult {
  return {
    runId: run.runId,
    status,
    outputs: run.outputs ?? {},
    ...(run.error === undefined ? {} : { error: run.error }),
    totals: run.totals ?? { nodes: 0, succeeded: 0, failed: 0, skipped: 0, cached: 0, executions: 0, durationMs: 0 },
    pending: run.pending ?? [],
  };
}
