import { createStore, type StoreApi } from 'zustand/vanilla';
import type { RunStatus } from '../../../src-shared/engine/events.ts';

/** A past run drawn on the canvas (opened from history or a comparison). */
export interface ShownRun {
  runId: string;
  workflowId: string;
  status: RunStatus;
  /** Status running, but the process running it is gone. */
  interrupted: boolean;
  startedAt: number;
  /** Whether it ran a different version of the workflow than the one open; undefined when its snapshot is unreadable. */
  outdated: boolean | undefined;
}

export interface ShownRunState {
  shown: ShownRun | undefined;
  /** A run of another workflow to draw once that workflow is open. */
  pending: { runId: string; workflowId: string } | undefined;
  setShown: (shown: ShownRun | undefined) => void;
  setPending: (pending: ShownRunState['pending']) => void;
}

/**
 * Which past run the canvas shows, beyond the editor store's statuses: its version check and a run waiting for its
 * workflow to open. One per workspace session, since opening another workflow replaces the editor session.
 */
export type ShownRunStore = StoreApi<ShownRunState>;

export const createShownRunStore = (): ShownRunStore =>
  createStore<ShownRunState>()((set) => ({
    shown: undefined,
    pending: undefined,
    setShown: (shown) => set({ shown }),
    setPending: (pending) => set({ pending }),
  }));
