import { createStore, type StoreApi } from 'zustand/vanilla';
import type { WorkspaceApi } from './api-context.ts';

/** The desktop app's engine host stopped unexpectedly and was started again. */
export interface EngineRestart {
  /** Why, as the main process said it (the exit code). */
  reason: string;
  /** When the window heard it (ms since the epoch). */
  at: number;
}

export interface EngineRestartState {
  /** The last restart the person has not dismissed. */
  restart: EngineRestart | undefined;
  dismiss: () => void;
}

export type EngineRestartStore = StoreApi<EngineRestartState>;

/**
 * What the window says of engine restarts: each `host.restarted` (pushed by the Electron main process, never by
 * `operon serve`) is kept until dismissed, so the window can say that the engine stopped and that the runs it was
 * carrying out are interrupted. Returns the store and the function that stops listening.
 */
export function createEngineRestartStore(
  api: WorkspaceApi,
  now: () => number = Date.now,
): { store: EngineRestartStore; dispose: () => void } {
  const store = createStore<EngineRestartState>()((set) => ({
    restart: undefined,
    dismiss: () => set({ restart: undefined }),
  }));
  const dispose = api.on('host.restarted', ({ reason }) => store.setState({ restart: { reason, at: now() } }));
  return { store, dispose };
}
