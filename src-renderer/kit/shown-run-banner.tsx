import './kit.css';
import type { RunStatus } from '../../src-shared/engine/events.ts';
import { VIEWER_IDS } from '../test-ids.ts';
import { formatDateTime } from './run-labels.ts';

/** What the banner says of the past run on the canvas. */
export interface ShownRunInfo {
  runId: string;
  status: RunStatus | 'idle';
  startedAt: number;
  /** It ran an earlier version of the workflow. */
  outdated: boolean;
}

/** Says which past run the canvas shows, and plainly when it ran an earlier version of the workflow; nothing without one. */
export function ShownRunBanner({ run }: { run: ShownRunInfo | undefined }) {
  if (run === undefined) return null;
  return (
    <div className="shown-run" data-testid={VIEWER_IDS.shownRun}>
      <span>
        Showing run <code>{run.runId}</code> <span className={`status-badge status-${run.status}`}>{run.status}</span>{' '}
        <span className="muted">started {formatDateTime(run.startedAt)}</span>
      </span>
      {run.outdated && (
        <strong className="run-outdated" data-testid={VIEWER_IDS.runOutdated}>
          This run ran an earlier version of the workflow.
        </strong>
      )}
    </div>
  );
}
