import { createStore, type StoreApi } from 'zustand/vanilla';

/** The right side's tabs: the selected node's settings, or its trace in the run shown on the canvas. */
export type SideTab = 'node' | 'trace';
/** The bottom dock's tabs. */
export type BottomTab = 'run' | 'timeline' | 'history' | 'compare' | 'inbox';

export interface DockState {
  side: SideTab;
  bottom: BottomTab;
  showSide: (tab: SideTab) => void;
  showBottom: (tab: BottomTab) => void;
}

export type DockStore = StoreApi<DockState>;

/** Which tab each dock shows; any panel may switch them (opening a run from history shows its timeline…). */
export const createDockStore = (): DockStore =>
  createStore<DockState>()((set) => ({
    side: 'node',
    bottom: 'run',
    showSide: (side) => set({ side }),
    showBottom: (bottom) => set({ bottom }),
  }));
