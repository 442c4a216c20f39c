import { useEffect } from 'react';
import { shortcutFor } from '../../src-shared/commands/editor-shortcuts.ts';
import { isEditableTarget } from '../editor/editable-target.ts';
import type { OpenWorkflowCommand } from './open-workflow-commands.ts';

/** The editor's keyboard shortcuts (see help-sheet.tsx), on the window while a workflow is open. */
export function useEditorKeys(runCommand: (command: OpenWorkflowCommand) => void) {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const command = shortcutFor(event, isEditableTarget(event.target));
      if (command === undefined) return;
      if (document.querySelector('.overlay') !== null && command !== 'save') return;
      event.preventDefault();
      runCommand(command);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [runCommand]);
}
