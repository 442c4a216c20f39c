import type { ApiClient } from '../../src-shared/api/client.ts';
import type { DesktopClient } from '../api/desktop-client.ts';
import { bindWorkspace, type WorkspaceApi } from './api-context.ts';
import { useConnectionStore } from './connection-store.ts';
import { createEngineRestartStore, type EngineRestartStore } from './engine-restart-store.ts';
import type { BreakpointStorage } from './debug/breakpoint-store.ts';
import { createLiveRuns, type LiveRuns } from './live-run/live-runs.ts';
import { createWorkspaceStores, type WorkspaceStores } from './workspace-stores.ts';

/** What every part of the window shares for the open workspace: its API, its live runs and its stores. */
export interface WorkspaceSession {
  api: WorkspaceApi;
  liveRuns: LiveRuns;
  stores: WorkspaceStores;
  /** The desktop app's engine restarts, until the person dismisses the notice. */
  engineRestart: EngineRestartStore;
  /** The desktop shell's own calls and events (menus, files, provider keys); undefined in a browser. */
  desktop: DesktopClient | undefined;
  dispose: () => void;
}

/**
 * Binds the API client to a workspace and opens its live runs. When the connection comes back after it was lost, the
 * server's streams died with it: every live view watches again from its next seq, so nothing is lost or shown twice.
 */
export function createWorkspaceSession(
  client: ApiClient,
  workspace: string,
  options: { breakpointStorage?: BreakpointStorage; desktop?: DesktopClient } = {},
): WorkspaceSession {
  const api = bindWorkspace(client, workspace);
  const liveRuns = createLiveRuns(api);
  const stores = createWorkspaceStores(api, options.breakpointStorage);
  const engineRestart = createEngineRestartStore(api);
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
    stores,
    engineRestart: engineRestart.store,
    desktop: options.desktop,
    dispose() {
      unsubscribe();
      engineRestart.dispose();
      liveRuns.dispose();
    },
  };
}
