import { useStore } from 'zustand';
import { breakpointStore, selectBreakpoints, selectHasBreakpoint } from './breakpoint-store.ts';

/** The open workflow's breakpoints (the run session loads them when the workflow opens). */
export function useBreakpoints(workflowId: string): readonly string[] {
  return useStore(breakpointStore, selectBreakpoints(workflowId));
}

export function useHasBreakpoint(workflowId: string, nodeId: string): boolean {
  return useStore(breakpointStore, selectHasBreakpoint(workflowId, nodeId));
}

/** Sets or clears a node's breakpoint (a live debug run of the workflow follows). */
export function toggleBreakpoint(workflowId: string, nodeId: string): boolean {
  return breakpointStore.getState().actions.toggle(workflowId, nodeId);
}
