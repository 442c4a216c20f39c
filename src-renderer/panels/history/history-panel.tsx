import './history.css';
import { useState } from 'react';
import type { RunListEntry } from '../../../src-shared/api/schemas.ts';
import { historyContinueId, historyPickId, historyRowId, historyStarterId, VIEWER_IDS } from '../../test-ids.ts';
import { useEditor, useEditorSession } from '../../session/editor-context.ts';
import { formatCost, formatDateTime, formatDuration } from '../../kit/run-labels.ts';
import { ShownRunBanner } from '../../kit/shown-run-banner.tsx';
import { TriggerKindBadge } from '../../kit/trigger-kind-badge.tsx';
import { useShownRunInfo } from '../../session/shown-run/use-shown-run-info.ts';
import { useOpenRun } from '../../session/shown-run/use-open-run.ts';
import { HistoryFilters } from './history-filters.tsx';
import { DEFAULT_FILTER, HISTORY_PAGE, type HistoryFilter } from '../../session/history/history-query.ts';
import { useContinueInterrupted } from '../../session/history/use-continue-interrupted.ts';
import { useRunHistory } from '../../session/history/use-run-history.ts';
import { useWorkspaceStores } from '../../session/workspace-context.ts';

type Run = Extract<RunListEntry, { kind: 'run' }>;

/** Past runs of this workflow or of the workspace, filtered by status and date; click one to draw it on the canvas. */
export function HistoryPanel() {
  const stores = useWorkspaceStores();
  const { workflowId } = useEditorSession();
  const [filter, setFilter] = useState<HistoryFilter>(DEFAULT_FILTER);
  const { runs, error, loading } = useRunHistory(filter, workflowId);
  const shownRunId = useEditor((s) => s.run.runId);
  const openRun = useOpenRun();
  const continueRun = useContinueInterrupted(openRun);
  const [picked, setPicked] = useState<readonly Run[]>([]);

  const pick = (run: Run) =>
    setPicked((list) => (list.some((p) => p.runId === run.runId) ? list.filter((p) => p.runId !== run.runId) : [...list, run].slice(-2)));
  const [first, second] = picked;
  const comparable = first !== undefined && first.workflowId === second?.workflowId;
  const compare = () => {
    if (first === undefined || second === undefined || !comparable) return;
    const [a, b] = first.startedAt <= second.startedAt ? [first, second] : [second, first];
    stores.compare.getState().choose({ workflowId: a.workflowId, a: a.runId, b: b.runId });
    stores.dock.getState().showBottom('compare');
  };

  const shownRun = useShownRunInfo();
  return (
    <section className="panel history-panel" data-testid={VIEWER_IDS.historyPanel}>
      <ShownRunBanner run={shownRun} />
      <HistoryFilters filter={filter} onChange={setFilter} />
      <p className="history-compare">
        <button type="button" className="small" data-testid={VIEWER_IDS.historyCompare} disabled={!comparable} onClick={compare}>
          Compare picked runs
        </button>{' '}
        <span className="muted">
          {picked.length < 2
            ? 'Pick two runs of one workflow to compare them.'
            : comparable
              ? ''
              : 'The picked runs are of different workflows.'}
        </span>
      </p>
      {error !== undefined && <p className="error">Could not list runs: {error}</p>}
      {runs?.length === 0 && <p className="muted">No runs{filter === DEFAULT_FILTER ? ' yet' : ' match'}.</p>}
      {runs !== undefined && runs.length > 0 && (
        <table className="history-table">
          <thead>
            <tr>
              <th aria-label="Pick to compare" />
              <th>Status</th>
              <th>Run</th>
              <th>Started by</th>
              {filter.scope === 'workspace' && <th>Workflow</th>}
              <th>Started</th>
              <th>Took</th>
              <th>Nodes</th>
              <th>Cost</th>
            </tr>
          </thead>
          <tbody data-testid={VIEWER_IDS.historyList}>
            {runs.map((entry) =>
              entry.kind === 'damaged' ? (
                <tr key={entry.runId} data-testid={historyRowId(entry.runId)} data-status="damaged">
                  <td />
                  <td>
                    <span className="status-badge status-failed">damaged</span>
                  </td>
                  <td colSpan={filter.scope === 'workspace' ? 7 : 6}>
                    <code>{entry.runId}</code> <span className="muted">{entry.problem}</span>
                  </td>
                </tr>
              ) : (
                <RunRow
                  key={entry.runId}
                  run={entry}
                  scope={filter.scope}
                  shown={entry.runId === shownRunId}
                  picked={picked.some((p) => p.runId === entry.runId)}
                  onPick={() => pick(entry)}
                  onOpen={() => void openRun({ runId: entry.runId, workflowId: entry.workflowId })}
                  onContinue={() => void continueRun({ runId: entry.runId, workflowId: entry.workflowId })}
                />
              ),
            )}
          </tbody>
        </table>
      )}
      {runs !== undefined && runs.length >= filter.limit && filter.limit < 10_000 && (
        <button
          type="button"
          data-testid={VIEWER_IDS.historyMore}
          disabled={loading}
          onClick={() => setFilter({ ...filter, limit: filter.limit + HISTORY_PAGE })}
        >
          Show more
        </button>
      )}
    </section>
  );
}

function RunRow({
  run,
  scope,
  shown,
  picked,
  onPick,
  onOpen,
  onContinue,
}: {
  run: Run;
  scope: HistoryFilter['scope'];
  shown: boolean;
  picked: boolean;
  onPick: () => void;
  onOpen: () => void;
  /** Continues a run whose process was killed, from its log. */
  onContinue: () => void;
}) {
  const totals = run.totals;
  // A person who started it (a trigger's run says so with its badge alone).
  const person = run.startedBy === undefined || run.startedBy.startsWith('trigger:') ? undefined : run.startedBy;
  return (
    <tr
      className={shown ? 'history-row shown' : 'history-row'}
      data-testid={historyRowId(run.runId)}
      data-status={run.status}
      tabIndex={0}
      title="Open this run on the canvas"
      onClick={onOpen}
      onKeyDown={(event) => {
        if (event.key === 'Enter') onOpen();
      }}
    >
      <td onClick={(event) => event.stopPropagation()}>
        <input
          type="checkbox"
          aria-label={`Pick run ${run.runId} to compare`}
          data-testid={historyPickId(run.runId)}
          checked={picked}
          onChange={onPick}
        />
      </td>
      <td>
        <span className={`status-badge status-${run.status}`}>{run.interrupted ? `${run.status} (interrupted)` : run.status}</span>
        {run.interrupted && run.parent === undefined && (
          <button
            type="button"
            className="small"
            data-testid={historyContinueId(run.runId)}
            title="Its process stopped: continue it from its log (finished nodes are not run again)"
            onClick={(event) => {
              event.stopPropagation();
              onContinue();
            }}
          >
            Continue
          </button>
        )}
      </td>
      <td>
        <code>{run.runId}</code>
        {run.error !== undefined && <span className="error"> {run.error.code}</span>}
      </td>
      <td>
        <TriggerKindBadge type={run.trigger.type} {...(person === undefined ? {} : { title: `Started by ${person}` })} />
        {person !== undefined && (
          <span className="history-starter" data-testid={historyStarterId(run.runId)}>
            {person}
          </span>
        )}
      </td>
      {scope === 'workspace' && <td>{run.workflowName ?? run.workflowId}</td>}
      <td>{formatDateTime(run.startedAt)}</td>
      <td>{run.endedAt === undefined ? '–' : formatDuration(run.endedAt - run.startedAt)}</td>
      <td>
        {totals === undefined ? '–' : `${totals.succeeded}/${totals.nodes}`}
        {totals !== undefined && totals.failed > 0 && <span className="error"> · {totals.failed} failed</span>}
      </td>
      <td>{totals?.llm === undefined ? '–' : formatCost(totals.llm.costUsd)}</td>
    </tr>
  );
}
