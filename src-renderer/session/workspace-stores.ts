import type { WorkspaceApi } from './api-context.ts';
import { createCompareStore, type CompareStore } from './compare/compare-store.ts';
import { createBreakpointStore, type BreakpointStorage, type BreakpointStore } from './debug/breakpoint-store.ts';
import { createDockStore, type DockStore } from './dock-store.ts';
import { createInboxStore, type InboxStore } from './inbox/inbox-store.ts';
import { createShownRunStore, type ShownRunStore } from './shown-run/shown-run-store.ts';
import { createToastStore, type ToastStore } from './toast-store.ts';
import { createTriggerStore, type TriggerStore } from './triggers/trigger-store.ts';
import { createWhoamiStore, type WhoamiStore } from './access/whoami-store.ts';

/**
 * The stores a window keeps for its workspace, beside the open workflow's own (its editor store and run session):
 * which dock tabs show, the toast, the approvals inbox, the runs being compared, the past run on the canvas, the
 * person's breakpoints and the trigger service's activations and firings. Made once per workspace session; only the theme and the connection are global.
 */
export interface WorkspaceStores {
  dock: DockStore;
  toast: ToastStore;
  inbox: InboxStore;
  compare: CompareStore;
  shownRun: ShownRunStore;
  breakpoints: BreakpointStore;
  /** The workspace's activations and firing log (issue 13's trigger service). */
  triggers: TriggerStore;
  /** Who is signed in and their role here (issue 14): what the editor hides. */
  whoami: WhoamiStore;
}

export function createWorkspaceStores(api: WorkspaceApi, breakpointStorage: BreakpointStorage | undefined): WorkspaceStores {
  return {
    dock: createDockStore(),
    toast: createToastStore(),
    inbox: createInboxStore(api),
    compare: createCompareStore(),
    shownRun: createShownRunStore(),
    breakpoints: createBreakpointStore(breakpointStorage),
    triggers: createTriggerStore(api),
    whoami: createWhoamiStore(api),
  };
}
