import type { WorkspaceCallInput } from '../api-context.ts';
import type { RunStatus } from '../../../src-shared/engine/events.ts';

/** `queued` only in queue mode (operon serve --queue): accepted, waiting for a worker. */
export const RUN_STATUSES: readonly RunStatus[] = ['queued', 'running', 'waiting', 'succeeded', 'failed', 'cancelled'];

/** What the history panel filters by, as its controls hold it. */
export interface HistoryFilter {
  /** This workflow's runs, or the whole workspace's. */
  scope: 'workflow' | 'workspace';
  /** Statuses to show; empty shows every status. */
  statuses: readonly RunStatus[];
  /** `YYYY-MM-DD` from a date input (local days), or '' for no bound. */
  since: string;
  until: string;
  limit: number;
}

export const HISTORY_PAGE = 200;

export const DEFAULT_FILTER: HistoryFilter = { scope: 'workflow', statuses: [], since: '', until: '', limit: HISTORY_PAGE };

/**
 * The `runs.list` call for a filter: the dates are local days, `since` from the start of its day and `until` to the
 * end of its day (both inclusive). A malformed date is no bound.
 */
export function historyQuery(filter: HistoryFilter, workflowId: string): WorkspaceCallInput<'runs.list'> {
  const since = dayStart(filter.since);
  const untilDay = dayStart(filter.until);
  return {
    ...(filter.scope === 'workflow' ? { workflowId } : {}),
    ...(filter.statuses.length > 0 ? { status: [...filter.statuses] } : {}),
    ...(since === undefined ? {} : { since }),
    ...(untilDay === undefined ? {} : { until: nextDay(untilDay) - 1 }),
    limit: Math.min(10_000, Math.max(1, filter.limit)),
  };
}

/** Local midnight of a `YYYY-MM-DD` day, in ms since the epoch. */
export function dayStart(day: string): number | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (match === null) return undefined;
  const [, year, month, date] = match.map(Number) as [number, number, number, number];
  const at = new Date(year, month - 1, date);
  return at.getMonth() === month - 1 ? at.getTime() : undefined;
}

/** Local midnight of the day after (not + 24 h: a day may be 23 or 25 hours around a clock change). */
function nextDay(midnight: number): number {
  const at = new Date(midnight);
  return new Date(at.getFullYear(), at.getMonth(), at.getDate() + 1).getTime();
}

/** Adds or removes one status from the filter. */
export function toggleStatus(statuses: readonly RunStatus[], status: RunStatus): RunStatus[] {
  return statuses.includes(status)
    ? statuses.filter((s) => s !== status)
    : RUN_STATUSES.filter((s) => s === status || statuses.includes(s));
}
