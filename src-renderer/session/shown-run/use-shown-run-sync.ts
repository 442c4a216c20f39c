import { useEffect } from 'react';
import { errorMessage } from '../api-context.ts';
import { useEditor, useEditorSession } from '../editor-context.ts';
import { openRunInSession, refreshShownRun } from './show-past-run.ts';
import { useRunUpdates } from '../live-run/use-run-updates.ts';
import { useApi, useShowToast, useShownRunStore, useWorkspaceStores } from '../workspace-context.ts';

/**
 * Keeps the past run on the canvas in step, for the open workflow (call once per open workflow): draws a
 * run opened from another workflow once that workflow is open, and redraws a shown run that is still going on.
 */
export function useShownRunSync(): void {
  const stores = useWorkspaceStores();
  const showToast = useShowToast();
  const api = useApi();
  const session = useEditorSession();
  const { store, workflowId } = session;
  const pending = useShownRunStore((s) => s.pending);
  const runId = useEditor((s) => s.run.runId);
  const source = useEditor((s) => s.run.source);
  const status = useEditor((s) => s.run.status);

  useEffect(() => {
    if (pending?.workflowId !== workflowId) return;
    stores.shownRun.getState().setPending(undefined);
    openRunInSession(api, session, stores.shownRun, pending.runId).catch((error: unknown) =>
      showToast(`Could not open run ${pending.runId}: ${errorMessage(error)}`),
    );
  }, [api, session, workflowId, pending]);

  const goingOn = source === 'past' && (status === 'queued' || status === 'running' || status === 'waiting');
  useRunUpdates(
    goingOn ? runId : null,
    () => {
      if (runId !== null) refreshShownRun(api, store, stores.shownRun, runId).catch(() => undefined);
    },
    { ms: 750 },
  );
}
