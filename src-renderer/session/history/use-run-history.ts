import { useCallback, useEffect, useRef, useState } from 'react';
import type { RunListEntry } from '../../../src-shared/api/schemas.ts';
import { errorMessage } from '../api-context.ts';
import { useRunsChanged } from '../live-run/use-run-updates.ts';
import { historyQuery, type HistoryFilter } from './history-query.ts';
import { useApi } from '../workspace-context.ts';

export interface RunHistory {
  runs: readonly RunListEntry[] | undefined;
  error: string | undefined;
  loading: boolean;
}

/** The runs a filter selects (`runs.list`), listed again when runs start, wait, continue or end. */
export function useRunHistory(filter: HistoryFilter, workflowId: string): RunHistory {
  const api = useApi();
  const [state, setState] = useState<RunHistory>({ runs: undefined, error: undefined, loading: true });
  const generation = useRef(0);

  const load = useCallback(async () => {
    const gen = ++generation.current;
    setState((s) => ({ ...s, loading: true }));
    try {
      const { runs } = await api.call('runs.list', historyQuery(filter, workflowId));
      if (gen === generation.current) setState({ runs, error: undefined, loading: false });
    } catch (error) {
      if (gen === generation.current) setState((s) => ({ ...s, error: errorMessage(error), loading: false }));
    }
  }, [api, filter, workflowId]);

  useEffect(() => {
    void load();
  }, [load]);
  useRunsChanged(() => void load());
  return state;
}
