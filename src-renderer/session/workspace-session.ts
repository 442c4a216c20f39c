import type { ApiClient } from '../../src-shared/api/client.ts';
import { bindWorkspace, type WorkspaceApi } from './api-context.ts';
import { useConnectionStore } from './connection-store.ts';
import { createLiveRuns, type LiveRuns } from './live-run/live-runs.ts';

/** What every part of the window shares for the open workspace: its API and its live runs. */
export interface WorkspaceSession {
  api: WorkspaceApi;
  liveRuns: LiveRuns;
  dispose: () => void;
}

/**
 * Binds the API client to a workspace and opens its live runs. When the connection comes back after it was lost, the
 * server's streams died with it: every live view watches again from its next seq, so nothing is lost or shown twice.
 */
export function createWorkspaceSession(client: ApiClient, workspace: string): WorkspaceSession {
  const api = bindWorkspace(client, workspace);
  const liveRuns = createLiveRuns(api);
  let lost = false;
  const unsubscribe = useConnectionStore.subscribe(({ status }) => {
    if (status === 'closed') lost = true;
    if (status === 'open' && lost) {
      lost = false;
      liveRuns.rewatch();
    }
  });
  return {
    api,
    liveRuns,
    dispose() {
      unsubscribe();
      liveRuns.dispose();
    },
  };
}
