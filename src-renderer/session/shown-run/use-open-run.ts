import { useCallback } from 'react';
import { errorMessage } from '../api-context.ts';
import { useEditorSession } from '../editor-context.ts';
import { openRunInSession } from './show-past-run.ts';
import { useOpenWorkflow } from './workflow-opener.ts';
import { useApi, useShowToast, useWorkspaceStores } from '../workspace-context.ts';

/**
 * Opens a run on the canvas: every node's status, and the Trace tab for the selected node; a run still going on is
 * watched from then on (its pauses and approvals act here). A run of another workflow opens that workflow first, then
 * draws the run (useShownRunSync picks it up in the new session).
 */
export function useOpenRun(): (run: { runId: string; workflowId: string }) => Promise<void> {
  const stores = useWorkspaceStores();
  const showToast = useShowToast();
  const api = useApi();
  const session = useEditorSession();
  const { workflowId } = session;
  const openWorkflow = useOpenWorkflow();
  return useCallback(
    async ({ runId, workflowId: runWorkflow }) => {
      stores.dock.getState().showSide('trace');
      if (runWorkflow !== workflowId) {
        if (openWorkflow === null) {
          showToast(`Run ${runId} belongs to workflow ${runWorkflow}: open that workflow to see it`);
          return;
        }
        stores.shownRun.getState().setPending({ runId, workflowId: runWorkflow });
        await openWorkflow(runWorkflow);
        return;
      }
      try {
        await openRunInSession(api, session, stores.shownRun, runId);
      } catch (error) {
        showToast(`Could not open run ${runId}: ${errorMessage(error)}`);
      }
    },
    [api, session, workflowId, openWorkflow],
  );
}
