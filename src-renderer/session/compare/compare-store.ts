import { createStore, type StoreApi } from 'zustand/vanilla';

/** The two runs being compared (A, the earlier, and B), for one workflow. */
export interface ComparePair {
  workflowId: string;
  a: string | undefined;
  b: string | undefined;
}

export interface CompareState extends ComparePair {
  /** The node whose values show side by side. */
  nodeId: string | undefined;
  choose: (pair: ComparePair) => void;
  setNode: (nodeId: string | undefined) => void;
}

export type CompareStore = StoreApi<CompareState>;

/** Which runs the Compare tab compares; History's "Compare" sets them. One per workspace session, like the docks. */
export const createCompareStore = (): CompareStore =>
  createStore<CompareState>()((set) => ({
    workflowId: '',
    a: undefined,
    b: undefined,
    nodeId: undefined,
    choose: (pair) => set({ ...pair, nodeId: undefined }),
    setNode: (nodeId) => set({ nodeId }),
  }));
