import { createStore, type StoreApi } from 'zustand/vanilla';

/** The right side's tabs: the selected node's settings, or its trace in the run shown on the canvas. */
export type SideTab = 'node' | 'trace';
/** The bottom dock's tabs. */
export type BottomTab = 'run' | 'timeline' | 'history' | 'compare' | 'inbox' | 'firings';
/** The docks around the canvas a person can resize and collapse. */
export type DockName = 'left' | 'right' | 'bottom';

export interface DockState {
  side: SideTab;
  bottom: BottomTab;
  /** Which docks are collapsed to a rail (the bottom dock: to its tab strip). */
  collapsed: Readonly<Record<DockName, boolean>>;
  /** Shows a side tab, expanding the right dock when it is collapsed. */
  showSide: (tab: SideTab) => void;
  /** Shows a bottom tab, expanding the bottom dock when it is collapsed. */
  showBottom: (tab: BottomTab) => void;
  setCollapsed: (dock: DockName, collapsed: boolean) => void;
}

export type DockStore = StoreApi<DockState>;

/**
 * Which tab each dock shows and which docks are collapsed; any panel may switch them (opening a run from history
 * shows its timeline…). The bottom dock starts collapsed so the canvas has the room; a run opens it.
 */
export const createDockStore = (): DockStore =>
  createStore<DockState>()((set, get) => {
    const expand = (dock: DockName) => (get().collapsed[dock] ? { collapsed: { ...get().collapsed, [dock]: false } } : {});
    return {
      side: 'node',
      bottom: 'run',
      collapsed: { left: false, right: false, bottom: true },
      showSide: (side) => set({ side, ...expand('right') }),
      showBottom: (bottom) => set({ bottom, ...expand('bottom') }),
      setCollapsed: (dock, collapsed) => {
        if (get().collapsed[dock] !== collapsed) set({ collapsed: { ...get().collapsed, [dock]: collapsed } });
      },
    };
  });
