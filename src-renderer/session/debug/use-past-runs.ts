import { useEffect, useState } from 'react';
import type { RunListEntry } from '../../../src-shared/api/schemas.ts';
import { useApi } from '../workspace-context.ts';

export type PastRun = Extract<RunListEntry, { kind: 'run' }>;

/** The workflow's recent runs, newest first, kept fresh as runs start and end (`runs.changed`). */
export function usePastRuns(workflowId: string, limit = 20): readonly PastRun[] {
  const api = useApi();
  const [runs, setRuns] = useState<readonly PastRun[]>([]);
  useEffect(() => {
    let alive = true;
    const load = () =>
      api
        .call('runs.list', { workflowId, limit })
        .then(({ runs: listed }) => {
          if (alive) setRuns(listed.filter((run): run is PastRun => run.kind === 'run'));
        })
        .catch(() => undefined); // the list is a convenience: without it, the default run is used
    void load();
    const off = api.on('runs.changed', (payload) => {
      if (payload.workflowId === workflowId) void load();
    });
    return () => {
      alive = false;
      off();
    };
  }, [api, workflowId, limit]);
  return runs;
}
