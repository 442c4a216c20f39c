import { useReactFlow } from '@xyflow/react';
import { useCallback } from 'react';
import type { ShortcutCommand } from '../../src-shared/commands/editor-shortcuts.ts';
import type { EditorCommand } from '../../src-shared/api/desktop-contract.ts';
import { isEditableTarget } from '../editor/editable-target.ts';
import { selectInspectedNodeId } from '../editor/store/index.ts';
import { readClipboard, writeClipboard } from '../kit/system-clipboard.ts';
import { useAutoLayout } from '../session/auto-layout.ts';
import { useToggleBreakpoint } from '../session/debug/use-breakpoints.ts';
import type { EditorSession } from '../session/editor-context.ts';
import { useShowToast } from '../session/workspace-context.ts';

/** Everything the open workflow can be asked to do: by a key (shortcuts), a desktop menu item, or a button. */
export type OpenWorkflowCommand = EditorCommand | ShortcutCommand;

export interface OpenWorkflowUi {
  onHelp: () => void;
  /** Asks for the copy's name (the Save as dialog). */
  onSaveAs: () => void;
  onExport: () => void;
  onClose: () => void;
}

const ZOOM = { duration: 150 };

/**
 * The open workflow's commands, one place for the keyboard (use-editor-keys.ts) and the desktop menus
 * (use-desktop-commands.ts). Undo and Redo chosen from a menu while a text field has the focus act on the field, as
 * the keyboard does there.
 */
export function useOpenWorkflowCommands(session: EditorSession, ui: OpenWorkflowUi): (command: OpenWorkflowCommand) => void {
  const showToast = useShowToast();
  const toggleBreakpoint = useToggleBreakpoint();
  const autoLayout = useAutoLayout(session.store);
  const { zoomIn, zoomOut, fitView } = useReactFlow();
  return useCallback(
    (command: OpenWorkflowCommand) => {
      const { store, save, run } = session;
      const actions = store.getState().actions;
      switch (command) {
        case 'save':
          void save();
          break;
        case 'saveAs':
          ui.onSaveAs();
          break;
        case 'export':
          ui.onExport();
          break;
        case 'close':
          ui.onClose();
          break;
        case 'undo':
        case 'redo':
          if (isEditableTarget(document.activeElement)) document.execCommand(command);
          else if (command === 'undo') actions.undo();
          else actions.redo();
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
        case 'zoomIn':
          void zoomIn(ZOOM);
          break;
        case 'zoomOut':
          void zoomOut(ZOOM);
          break;
        case 'fitView':
          void fitView({ ...ZOOM, padding: 0.2 });
          break;
        case 'help':
          ui.onHelp();
          break;
        case 'breakpoint': {
          const nodeId = selectInspectedNodeId(store.getState());
          if (nodeId === undefined) showToast('Select one node to set or clear its breakpoint');
          else toggleBreakpoint(session.workflowId, nodeId);
          break;
        }
        case 'run':
        case 'debug': {
          const state = run.getState();
          if (state.busy) showToast('A run is starting');
          else void state.actions.start(command === 'debug' ? { debug: true } : {});
          break;
        }
        case 'cancel':
          void run.getState().actions.cancel();
          break;
        case 'continue':
        case 'step': {
          const state = run.getState();
          if (state.held === undefined) showToast('No debug run is paused here (Debug starts one)');
          else void state.actions.resume(command);
          break;
        }
        case 'new':
        case 'toggleTheme':
          // The window's own commands (use-window-commands.ts): they need no open workflow.
          break;
      }
    },
    [session, ui, showToast, toggleBreakpoint, autoLayout, zoomIn, zoomOut, fitView],
  );
}
