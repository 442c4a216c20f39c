import { createStore, type StoreApi } from 'zustand/vanilla';

export interface ToastState {
  message: string | null;
  /** Increases with every toast, so the same message shown twice restarts its timer. */
  serial: number;
  show: (message: string) => void;
  hide: () => void;
}

export type ToastStore = StoreApi<ToastState>;

/** One small message at a time: refused connections, failed saves, imports. */
export const createToastStore = (): ToastStore =>
  createStore<ToastState>()((set) => ({
    message: null,
    serial: 0,
    show: (message) => set((state) => ({ message, serial: state.serial + 1 })),
    hide: () => set({ message: null }),
  }));
