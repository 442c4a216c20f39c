import { useEffect, useRef, type RefObject } from 'react';
import type { EditorCommand } from '../../src-shared/api/desktop-contract.ts';
import { errorMessage } from '../session/api-context.ts';
import { useThemeStore } from '../session/theme-store.ts';
import type { Workspace } from '../session/use-workspace.ts';
import { useDesktop, useShowToast } from '../session/workspace-context.ts';
import type { OpenWorkflowCommand } from './open-workflow-commands.ts';

/** Whether a drag carries files from the desktop (not a node dragged from the palette). */
const carriesFiles = (event: DragEvent): boolean => event.dataTransfer?.types.includes('Files') === true;

/**
 * The window's commands and the files that reach it. The desktop menus' commands are carried out here when they need
 * no workflow (New, the theme, help) and handed to the open workflow otherwise; files the desktop app opens, and
 * `.json` files dropped on the window (in a browser too), open as workflows.
 */
export function useWindowCommands(
  workspace: Workspace,
  onHelp: () => void,
  openWorkflow: RefObject<((command: OpenWorkflowCommand) => void) | undefined>,
): void {
  const desktop = useDesktop();
  const showToast = useShowToast();
  const toggleTheme = useThemeStore((s) => s.toggle);
  // The listeners are set once; they read the latest workspace through this ref.
  const latest = useRef(workspace);
  latest.current = workspace;

  useEffect(() => {
    if (desktop === undefined) return;
    const run = (command: EditorCommand): void => {
      if (command === 'new') return void latest.current.create();
      if (command === 'toggleTheme') return toggleTheme();
      if (command === 'help') return onHelp();
      const handler = openWorkflow.current;
      if (handler === undefined) showToast('Open a workflow first: pick one on the left, or create one with New');
      else handler(command);
    };
    const offCommand = desktop.on('desktop.command', ({ command }) => run(command));
    const offFile = desktop.on('desktop.openFile', ({ text, as }) => void latest.current.openFile(text, { as }));
    return () => {
      offCommand();
      offFile();
    };
  }, [desktop, onHelp, openWorkflow, showToast, toggleTheme]);

  // Files that reached the desktop app before this window could open them (a double-click that started the app).
  const canOpen = workspace.catalogue !== undefined;
  useEffect(() => {
    if (desktop === undefined || !canOpen) return;
    void desktop
      .call('desktop.takeOpenFiles', {})
      .then(async ({ files }) => {
        for (const file of files) await latest.current.openFile(file.text, { as: file.as });
      })
      .catch((error: unknown) => showToast(`Could not open the files given to Operon: ${errorMessage(error)}`));
  }, [desktop, canOpen, showToast]);

  useEffect(() => {
    const onDragOver = (event: DragEvent): void => {
      if (!carriesFiles(event)) return;
      event.preventDefault();
      if (event.dataTransfer !== null) event.dataTransfer.dropEffect = 'copy';
    };
    const onDrop = (event: DragEvent): void => {
      if (!carriesFiles(event)) return;
      // Never let the browser (or Electron) navigate to the dropped file.
      event.preventDefault();
      const files = [...(event.dataTransfer?.files ?? [])];
      const workflows = files.filter((file) => file.name.toLowerCase().endsWith('.json'));
      if (workflows.length < files.length) showToast('Only workflow files (.operon.json) can be opened here');
      void (async () => {
        for (const file of workflows) await latest.current.openFile(await file.text());
      })();
    };
    window.addEventListener('dragover', onDragOver);
    window.addEventListener('drop', onDrop);
    return () => {
      window.removeEventListener('dragover', onDragOver);
      window.removeEventListener('drop', onDrop);
    };
  }, [showToast]);
}
