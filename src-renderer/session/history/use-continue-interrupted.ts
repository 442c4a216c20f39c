import { useCallback } from 'react';
import { errorMessage } from '../api-context.ts';
import { useApi, useShowToast } from '../workspace-context.ts';

type OpenRun = (run: { runId: string; workflowId: string }) => Promise<void>;

/**
 * Continues a run whose process was killed (`runs.continueInterrupted`: finished nodes are not run again), then opens
 * it, so this window follows it live.
 */
export function useContinueInterrupted(openRun: OpenRun): OpenRun {
  const showToast = useShowToast();
  const api = useApi();
  return useCallback(
    async (run) => {
      try {
        await api.call('runs.continueInterrupted', { runId: run.runId });
      } catch (error) {
        showToast(`Could not continue run ${run.runId}: ${errorMessage(error)}`);
        return;
      }
      await openRun(run);
    },
    [api, openRun],
  );
}
