import { create } from 'zustand';

/** The two runs being compared (A, the earlier, and B), for one workflow. */
export interface ComparePair {
  workflowId: string;
  a: string | undefined;
  b: string | undefined;
}

interface CompareState extends ComparePair {
  /** The node whose values show side by side. */
  nodeId: string | undefined;
  choose: (pair: ComparePair) => void;
  setNode: (nodeId: string | undefined) => void;
}

/** Which runs the Compare tab compares; History's "Compare" sets them. Window-wide, like the docks. */
export const useCompareStore = create<CompareState>()((set) => ({
  workflowId: '',
  a: undefined,
  b: undefined,
  nodeId: undefined,
  choose: (pair) => set({ ...pair, nodeId: undefined }),
  setNode: (nodeId) => set({ nodeId }),
}));
