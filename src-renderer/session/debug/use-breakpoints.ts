import { useStore } from 'zustand';
import { useWorkspaceStores } from '../workspace-context.ts';
import { selectBreakpoints, selectHasBreakpoint } from './breakpoint-store.ts';

/** The open workflow's breakpoints (the run session loads them when the workflow opens). */
export function useBreakpoints(workflowId: string): readonly string[] {
  return useStore(useWorkspaceStores().breakpoints, selectBreakpoints(workflowId));
}

export function useHasBreakpoint(workflowId: string, nodeId: string): boolean {
  return useStore(useWorkspaceStores().breakpoints, selectHasBreakpoint(workflowId, nodeId));
}

/** Sets or clears a node's breakpoint (a live debug run of the workflow follows); returns whether it is set now. */
export function useToggleBreakpoint(): (workflowId: string, nodeId: string) => boolean {
  return useWorkspaceStores().breakpoints.getState().actions.toggle;
}
