import { useEffect } from 'react';
import type { EditorSession } from './editor-context.ts';

export const AUTOSAVE_DELAY_MS = 1500;

/**
 * Saves 1.5 s after the last committed edit (not on every drag frame); closing the workflow saves what is left.
 * Leaving the page (closing the tab, reloading) with unsaved edits saves them at once and asks the browser to confirm.
 */
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
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      if (!store.getState().ui.dirty) return;
      clearTimeout(timer);
      timer = undefined;
      void save();
      // Asks the browser to confirm leaving, which gives the save time to reach the server.
      event.preventDefault();
      event.returnValue = '';
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => {
      window.removeEventListener('beforeunload', onBeforeUnload);
      // Closing a workflow saves it when dirty (use-workspace.ts), so a pending timer is just dropped.
      unsubscribe();
      clearTimeout(timer);
    };
  }, [session]);
}
