import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { Catalogue, PortsFor } from '../editor/catalogue.ts';
import type { EditorState } from '../editor/store/index.ts';
import type { EditorStore } from './editor-store/index.ts';
import type { RunSessionState, RunSessionStore } from './run/run-session.ts';

/** Everything the components of one open workflow share. */
export interface EditorSession {
  /** Unique per opening (a key for what must remount when another workflow, or the same one again, is opened). */
  serial: number;
  workflowId: string;
  store: EditorStore;
  run: RunSessionStore;
  catalogue: Catalogue;
  portsFor: PortsFor;
  /** Saves the document (queued behind a save in flight). Resolves false when the save failed (a toast says why). */
  save: () => Promise<boolean>;
}

export const EditorContext = createContext<EditorSession | null>(null);

export function useEditorSession(): EditorSession {
  const session = useContext(EditorContext);
  if (session === null) throw new Error('useEditorSession: no open workflow');
  return session;
}

/** Selects from the open workflow's editor store; select narrowly (or wrap in useShallow). */
export function useEditor<T>(selector: (state: EditorState) => T): T {
  return useStore(useEditorSession().store, selector);
}

export function useRunSession<T>(selector: (state: RunSessionState) => T): T {
  return useStore(useEditorSession().run, selector);
}
