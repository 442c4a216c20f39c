import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { WorkspaceApi } from './api-context.ts';
import type { CompareState } from './compare/compare-store.ts';
import type { DockState } from './dock-store.ts';
import type { EngineRestartState } from './engine-restart-store.ts';
import type { InboxState } from './inbox/inbox-store.ts';
import type { LiveRuns } from './live-run/live-runs.ts';
import type { ShownRunState } from './shown-run/shown-run-store.ts';
import type { ToastState } from './toast-store.ts';
import type { WorkspaceSession } from './workspace-session.ts';
import type { WorkspaceStores } from './workspace-stores.ts';

/** The open workspace's session (workspace-session.ts), provided by the app shell to everything below it. */
export const WorkspaceContext = createContext<WorkspaceSession | null>(null);

export function useWorkspaceSession(): WorkspaceSession {
  const session = useContext(WorkspaceContext);
  if (session === null) throw new Error('no WorkspaceContext provider: the app shell provides the workspace session');
  return session;
}

/** The open workspace's API (session/ hooks only: panels read stores and hooks, never the API). */
export function useApi(): WorkspaceApi {
  return useWorkspaceSession().api;
}

/** The open workspace's live runs. */
export function useLiveRuns(): LiveRuns {
  return useWorkspaceSession().liveRuns;
}

/** The desktop shell's calls and events, or undefined in a browser (`operon serve`): hide what needs them. */
export function useDesktop(): WorkspaceSession['desktop'] {
  return useWorkspaceSession().desktop;
}

/** The workspace's stores, for event handlers that act on them (`stores.dock.getState().showBottom('run')`). */
export function useWorkspaceStores(): WorkspaceStores {
  return useWorkspaceSession().stores;
}

// Narrow selections from the workspace's stores (select narrowly, or wrap the selector in useShallow).
/** The desktop app's last engine restart the person has not dismissed. */
export const useEngineRestartStore = <T>(selector: (state: EngineRestartState) => T): T =>
  useStore(useWorkspaceSession().engineRestart, selector);
export const useDockStore = <T>(selector: (state: DockState) => T): T => useStore(useWorkspaceStores().dock, selector);
export const useToastStore = <T>(selector: (state: ToastState) => T): T => useStore(useWorkspaceStores().toast, selector);
export const useInboxStore = <T>(selector: (state: InboxState) => T): T => useStore(useWorkspaceStores().inbox, selector);
export const useCompareStore = <T>(selector: (state: CompareState) => T): T => useStore(useWorkspaceStores().compare, selector);
export const useShownRunStore = <T>(selector: (state: ShownRunState) => T): T => useStore(useWorkspaceStores().shownRun, selector);

/** Shows a short message in the window's toast. */
export function useShowToast(): (message: string) => void {
  return useWorkspaceStores().toast.getState().show;
}
