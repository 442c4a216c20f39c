import { createStore, type StoreApi } from 'zustand/vanilla';

/** Where breakpoints are kept between sessions (the browser's localStorage, or a fake in tests). */
export type BreakpointStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export interface BreakpointState {
  /** Breakpointed node ids by workflow id, for the workflows loaded so far. */
  byWorkflow: Readonly<Record<string, readonly string[]>>;
  actions: {
    /** Reads a workflow's breakpoints from storage (once; later calls keep what is in memory). */
    load: (workflowId: string) => readonly string[];
    /** Sets or clears one node's breakpoint; returns whether it is set now. */
    toggle: (workflowId: string, nodeId: string) => boolean;
    /** Replaces a workflow's breakpoints (an empty list forgets them). */
    set: (workflowId: string, nodeIds: Iterable<string>) => void;
  };
}

export type BreakpointStore = StoreApi<BreakpointState>;

const NONE: readonly string[] = Object.freeze([]);

/** The storage key of a workflow's breakpoints. */
export const breakpointKey = (workflowId: string) => `operon.breakpoints.${workflowId}`;

/**
 * Breakpoints per workflow. They belong to the person debugging, not to the workflow: they live in the editor
 * (persisted per workflow id), never in the workflow file, so exports and other machines never see them.
 */
export function createBreakpointStore(storage: BreakpointStorage | undefined): BreakpointStore {
  const read = (workflowId: string): readonly string[] => {
    try {
      const parsed: unknown = JSON.parse(storage?.getItem(breakpointKey(workflowId)) ?? '[]');
      return Array.isArray(parsed) ? parsed.filter((id): id is string => typeof id === 'string') : NONE;
    } catch {
      return NONE; // damaged storage: start over rather than fail to open the workflow
    }
  };
  const write = (workflowId: string, nodeIds: readonly string[]) => {
    try {
      if (nodeIds.length === 0) storage?.removeItem(breakpointKey(workflowId));
      else storage?.setItem(breakpointKey(workflowId), JSON.stringify(nodeIds));
    } catch {
      // Storage full or refused (private mode): the breakpoints still work for this session.
    }
  };

  return createStore<BreakpointState>()((set, get) => {
    const replace = (workflowId: string, nodeIds: readonly string[]) => {
      set((s) => ({ byWorkflow: { ...s.byWorkflow, [workflowId]: nodeIds } }));
      write(workflowId, nodeIds);
    };
    const current = (workflowId: string) => get().byWorkflow[workflowId] ?? get().actions.load(workflowId);
    return {
      byWorkflow: {},
      actions: {
        load(workflowId) {
          const known = get().byWorkflow[workflowId];
          if (known !== undefined) return known;
          const loaded = read(workflowId);
          set((s) => ({ byWorkflow: { ...s.byWorkflow, [workflowId]: loaded } }));
          return loaded;
        },
        toggle(workflowId, nodeId) {
          const before = current(workflowId);
          const on = !before.includes(nodeId);
          replace(workflowId, on ? [...before, nodeId] : before.filter((id) => id !== nodeId));
          return on;
        },
        set(workflowId, nodeIds) {
          replace(workflowId, [...new Set(nodeIds)]);
        },
      },
    };
  });
}

/** A workflow's breakpoints (empty until loaded); stable while they do not change. */
export const selectBreakpoints =
  (workflowId: string) =>
  (state: BreakpointState): readonly string[] =>
    state.byWorkflow[workflowId] ?? NONE;

export const selectHasBreakpoint = (workflowId: string, nodeId: string) => (state: BreakpointState) =>
  state.byWorkflow[workflowId]?.includes(nodeId) ?? false;
