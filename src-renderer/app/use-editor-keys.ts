import { useEffect } from 'react';
import { selectInspectedNodeId } from '../editor/store/index.ts';
import { useAutoLayout } from '../session/auto-layout.ts';
import { useToggleBreakpoint } from '../session/debug/use-breakpoints.ts';
import type { EditorSession } from '../session/editor-context.ts';
import { isEditableTarget, shortcutFor } from '../editor/shortcuts.ts';
import { readClipboard, writeClipboard } from '../kit/system-clipboard.ts';
import { useShowToast } from '../session/workspace-context.ts';

/** The editor's keyboard shortcuts (see help-sheet.tsx), on the window while a workflow is open. */
export function useEditorKeys(session: EditorSession, onHelp: () => void) {
  const showToast = useShowToast();
  const toggleBreakpoint = useToggleBreakpoint();
  const autoLayout = useAutoLayout(session.store);
  useEffect(() => {
    const { store, save } = session;
    const onKey = (event: KeyboardEvent) => {
      const command = shortcutFor(event, isEditableTarget(event.target));
      if (command === undefined) return;
      if (document.querySelector('.overlay') !== null && command !== 'save') return;
      event.preventDefault();
      const actions = store.getState().actions;
      switch (command) {
        case 'save':
          void save();
          break;
        case 'undo':
          actions.undo();
          break;
        case 'redo':
          actions.redo();
          break;
        case 'delete':
          actions.deleteSelection();
          break;
        case 'copy': {
          const text = actions.copy();
          if (text !== undefined) void writeClipboard(text);
          break;
        }
        case 'paste':
          void readClipboard().then((text) => {
            if (text === undefined) return showToast('Nothing to paste');
            const result = actions.paste(text);
            if (!result.ok) showToast(result.reason);
          });
          break;
        case 'duplicate': {
          const result = actions.duplicate();
          if (!result.ok) showToast(result.reason);
          break;
        }
        case 'layout':
          autoLayout();
          break;
        case 'help':
          onHelp();
          break;
        case 'breakpoint': {
          const nodeId = selectInspectedNodeId(store.getState());
          if (nodeId === undefined) showToast('Select one node to set or clear its breakpoint');
          else toggleBreakpoint(session.workflowId, nodeId);
          break;
        }
        case 'continue':
        case 'step': {
          const run = session.run.getState();
          if (run.held === undefined) showToast('No debug run is paused here (Debug starts one)');
          else void run.actions.resume(command);
          break;
        }
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [session, onHelp, autoLayout]);
}
