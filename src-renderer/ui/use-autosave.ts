import { useEffect } from 'react';
import type { EditorSession } from './editor-context.ts';

export const AUTOSAVE_DELAY_MS = 1500;

/** Saves 1.5 s after the last committed edit (not on every drag frame); closing the workflow saves what is left. */
export function useAutosave(session: EditorSession) {
  useEffect(() => {
    const { store, save } = session;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const unsubscribe = store.getState().actions.subscribeChanges(() => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        timer = undefined;
        if (store.getState().ui.dirty) void save();
      }, AUTOSAVE_DELAY_MS);
    });
    return () => {
      // Closing a workflow saves it when dirty (use-workspace.ts), so a pending timer is just dropped.
      unsubscribe();
      clearTimeout(timer);
    };
  }, [session]);
}
