import './run-viewer.css';
import { VIEWER_IDS } from '../../test-ids.ts';
import { useEditor } from '../editor-context.ts';
import { formatDateTime } from './run-labels.ts';
import { useShownRunStore } from './shown-run-store.ts';

/** Says which past run the canvas shows, and plainly when it ran an earlier version of the workflow. */
export function ShownRunBanner() {
  const runId = useEditor((s) => s.run.runId);
  const source = useEditor((s) => s.run.source);
  const status = useEditor((s) => s.run.status);
  const shown = useShownRunStore((s) => s.shown);
  if (source !== 'past' || runId === null || shown?.runId !== runId) return null;
  return (
    <div className="shown-run" data-testid={VIEWER_IDS.shownRun}>
      <span>
        Showing run <code>{runId}</code> <span className={`status-badge status-${status}`}>{status}</span>{' '}
        <span className="muted">started {formatDateTime(shown.startedAt)}</span>
      </span>
      {shown.outdated === true && (
        <strong className="run-outdated" data-testid={VIEWER_IDS.runOutdated}>
          This run ran an earlier version of the workflow.
        </strong>
      )}
    </div>
  );
}
