import { shownStatus } from '../../editor/shown-status.ts';
import { VIEWER_IDS } from '../../test-ids.ts';
import { formatClock, formatDuration } from '../../kit/run-labels.ts';
import type { NodeTrace } from '../../session/trace/node-trace.ts';
import { Facts } from './trace-section.tsx';

/** A node's status and timings in the run, and why it did not run (skipped, reused, cached) when it did not. */
export function TraceSummary({ trace }: { trace: NodeTrace }) {
  const { row, finished, reused, skipped, failure } = trace;
  const status = row === undefined ? 'pending' : shownStatus(row.status, row.decision);
  const started = trace.attempts[0]?.startedAt;
  const ended = row?.endedAt;
  return (
    <div className="trace-summary">
      <p>
        <span className={`status-badge status-${status}`} data-testid={VIEWER_IDS.traceStatus}>
          {status}
        </span>
        {trace.attempts.length > 1 && <span className="muted"> · {trace.attempts.length} attempts</span>}
      </p>
      <Facts
        rows={[
          row?.queuedAt !== undefined && ['Queued', formatClock(row.queuedAt)],
          started !== undefined && ['Started', formatClock(started)],
          ended !== undefined && ['Ended', formatClock(ended)],
          finished !== undefined && ['Ran for', formatDuration(finished.durationMs)],
          started !== undefined && ended !== undefined && ['Wall time', formatDuration(ended - (row?.queuedAt ?? started))],
          finished?.cachedFrom !== undefined && ['Cached from', `run ${finished.cachedFrom.runId} (${finished.cachedFrom.nodeId})`],
          finished?.errorHandled !== undefined && ['Error handled', finished.errorHandled],
          reused !== undefined && ['Reused', reused.from.kind === 'pin' ? 'pinned outputs' : `outputs of run ${reused.from.runId}`],
          skipped !== undefined && ['Skipped', skipped.reason],
          failure !== undefined && ['Error', `${failure.error.code}: ${failure.error.message} (${failure.handling})`],
        ]}
      />
    </div>
  );
}
