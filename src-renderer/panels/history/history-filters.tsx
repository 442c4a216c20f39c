import { historyStatusId, VIEWER_IDS } from '../../test-ids.ts';
import { RUN_STATUSES, toggleStatus, type HistoryFilter } from '../../session/history/history-query.ts';

/** Scope (this workflow or the workspace), statuses and start dates of the runs listed. */
export function HistoryFilters({ filter, onChange }: { filter: HistoryFilter; onChange: (filter: HistoryFilter) => void }) {
  const set = (patch: Partial<HistoryFilter>) => onChange({ ...filter, ...patch });
  return (
    <div className="history-filters">
      <span className="segmented" role="group" aria-label="Runs of">
        <button
          type="button"
          className="small"
          aria-pressed={filter.scope === 'workflow'}
          data-testid={VIEWER_IDS.historyScopeWorkflow}
          onClick={() => set({ scope: 'workflow' })}
        >
          This workflow
        </button>
        <button
          type="button"
          className="small"
          aria-pressed={filter.scope === 'workspace'}
          data-testid={VIEWER_IDS.historyScopeWorkspace}
          onClick={() => set({ scope: 'workspace' })}
        >
          Workspace
        </button>
      </span>
      <span className="history-statuses" role="group" aria-label="Statuses">
        {RUN_STATUSES.map((status) => (
          <label key={status}>
            <input
              type="checkbox"
              data-testid={historyStatusId(status)}
              checked={filter.statuses.includes(status)}
              onChange={() => set({ statuses: toggleStatus(filter.statuses, status) })}
            />
            {status}
          </label>
        ))}
      </span>
      <label>
        From{' '}
        <input
          type="date"
          data-testid={VIEWER_IDS.historySince}
          value={filter.since}
          onChange={(e) => set({ since: e.currentTarget.value })}
        />
      </label>
      <label>
        To{' '}
        <input
          type="date"
          data-testid={VIEWER_IDS.historyUntil}
          value={filter.until}
          onChange={(e) => set({ until: e.currentTarget.value })}
        />
      </label>
    </div>
  );
}
