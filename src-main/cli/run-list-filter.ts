import type { RunListEntry } from '../services/run-log/run-reader.ts';

/** The statuses `operon runs list --status` takes: a run's own, and interrupted (running, its process gone). */
export const RUN_LIST_STATUSES = ['running', 'waiting', 'succeeded', 'failed', 'cancelled', 'interrupted'];

export interface RunListOptions {
  json?: boolean;
  limit: number;
  status?: string;
  /** A workflow's id or name. */
  workflow?: string;
}

/** The runs `operon runs list` shows: of that status and that workflow (by id, or by name ignoring case). */
export function filterRuns(entries: readonly RunListEntry[], options: Pick<RunListOptions, 'status' | 'workflow'>): RunListEntry[] {
  const { status, workflow } = options;
  return entries.filter((entry) => {
    if (entry.kind === 'damaged') return status === undefined && workflow === undefined;
    const own = entry.interrupted ? 'interrupted' : entry.status;
    if (status !== undefined && own !== status) return false;
    if (workflow === undefined) return true;
    return entry.workflowId === workflow || entry.workflowName?.toLowerCase() === workflow.toLowerCase();
  });
}
