import type { TimelineRow } from '../../../src-shared/run-log/timeline-schema.ts';
import { ERROR_CATALOGUE, type ErrorCode } from '../../../src-shared/errors/catalogue.ts';
import type { NodeRunState } from '../../editor/store/index.ts';

/**
 * Every node's state on the canvas for a run drawn from its timeline (a past run, or a live one opened from history):
 * its status, last attempt, that attempt's error, how long it ran, why it was skipped and where reused outputs came
 * from. Pending rows are left out (a node with no state is pending).
 */
export function nodeStatesFromTimeline(rows: readonly TimelineRow[]): Record<string, NodeRunState> {
  const states: Record<string, NodeRunState> = {};
  for (const row of rows) {
    if (row.status === 'pending') continue;
    const state: NodeRunState = { status: row.status };
    const first = row.attempts[0];
    const last = row.attempts.at(-1);
    if (last !== undefined) state.attempt = last.attempt;
    // The last attempt's error: a failed node's reason, or a handled error (route / continue) it reported.
    const error = last?.error;
    if (error !== undefined) state.error = { code: errorCode(error.code), message: error.message };
    if (first !== undefined && row.endedAt !== undefined) state.durationMs = Math.max(0, row.endedAt - first.from);
    if (row.skippedReason !== undefined) state.reason = row.skippedReason;
    if (row.reusedFrom !== undefined) state.reusedFrom = row.reusedFrom;
    if (row.decision !== undefined) state.decision = row.decision;
    if (row.emitted !== undefined) state.emitted = row.emitted;
    states[row.nodeId] = state;
  }
  return states;
}

/** A logged code, or OPR-102 (an unexpected error) when the catalogue of this build does not know it. */
function errorCode(code: string): ErrorCode {
  return Object.hasOwn(ERROR_CATALOGUE, code) ? (code as ErrorCode) : 'OPR-102';
}
