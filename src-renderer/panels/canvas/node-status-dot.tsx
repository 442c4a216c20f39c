import type { NodeRunState } from '../../editor/store/index.ts';
import type { ShownStatus } from '../../editor/shown-status.ts';
import { formatDuration } from '../../kit/run-labels.ts';
import { nodeRunLineId, nodeStatusId } from '../../test-ids.ts';
import { statusTitle } from './node-status-title.ts';

/** What a person reads for each status next to a node's duration. */
const STATUS_WORD: Record<ShownStatus, string> = {
  pending: 'pending',
  queued: 'queued',
  paused: 'paused',
  running: 'running',
  waiting: 'waiting for a person',
  succeeded: 'succeeded',
  rejected: 'rejected',
  failed: 'failed',
  skipped: 'skipped',
  cached: 'cached',
  reused: 'reused',
  interrupted: 'interrupted',
};

/**
 * A node's run status as a coloured dot beside its title: fixed width, so the title is never cut short. Its text
 * (hidden, for screen readers and tests) is the status itself; the tooltip says why when there is a reason.
 */
export function NodeStatusDot({ nodeId, status, run }: { nodeId: string; status: ShownStatus; run: NodeRunState | undefined }) {
  const why = statusTitle(status, run);
  return (
    <span
      className={`status-dot status-${status}`}
      data-testid={nodeStatusId(nodeId)}
      title={why === undefined ? STATUS_WORD[status] : `${STATUS_WORD[status]}: ${why}`}
    >
      <span className="visually-hidden">{status}</span>
    </span>
  );
}

/** Under a node that ran: its status in words and how long it took, when the run on the canvas tells. */
export function NodeRunLine({ nodeId, status, run }: { nodeId: string; status: ShownStatus; run: NodeRunState | undefined }) {
  const duration = run?.durationMs;
  return (
    <div className={`operon-node-run run-${status}`} data-testid={nodeRunLineId(nodeId)}>
      <span className="run-word">{STATUS_WORD[status]}</span>
      {run?.attempt !== undefined && run.attempt > 1 && <span className="run-attempts">{run.attempt} attempts</span>}
      {duration !== undefined && <span className="run-duration">{formatDuration(duration)}</span>}
    </div>
  );
}
