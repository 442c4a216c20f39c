import { create } from 'zustand';

interface ToastState {
  message: string | null;
  /** Increases with every toast, so the same message shown twice restarts its timer. */
  serial: number;
  show: (message: string) => void;
  hide: () => void;
}

/** One small message at a time: refused connections, failed saves, imports. */
export const useToastStore = create<ToastState>()((set) => ({
  message: null,
  serial: 0,
  show: (message) => set((state) => ({ message, serial: state.serial + 1 })),
  hide: () => set({ message: null }),
}));

export const showToast = (message: string) => useToastStore.getState().show(message);
