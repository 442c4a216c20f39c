import type { MenuItemConstructorOptions } from 'electron';
import { basename } from 'node:path';
import type { EditorCommand } from '../../src-shared/api/desktop-contract.ts';

/** What the menus do; main.ts gives the real actions, tests record them. */
export interface MenuActions {
  /** Sends an editor command to the focused window. */
  command(command: EditorCommand): void;
  /** Shows the OS file dialog and opens the chosen workflow files (`import`: always as new copies). */
  openFiles(as: 'open' | 'import'): void;
  openRecent(path: string): void;
  clearRecent(): void;
  /** Opens the documentation. */
  openDocs(): void;
}

export interface MenuOptions {
  platform: NodeJS.Platform;
  /** Development builds add the developer tools and Reload. */
  isDev: boolean;
  /** Recently opened workflow files, newest first. */
  recent: readonly string[];
  actions: MenuActions;
}

/**
 * The editor's own shortcut (src-shared/commands/editor-shortcuts.ts): shown in the menu, not registered with the OS,
 * because the editor handles the key itself, in a browser as here, and a key must not act twice.
 */
const editorKey = (accelerator: string): Pick<MenuItemConstructorOptions, 'accelerator' | 'registerAccelerator'> => ({
  accelerator,
  registerAccelerator: false,
});

/**
 * The desktop app's menus: File, Edit, View, Run and Help (and the app menu on macOS). Items that act on the workflow
 * send an editor command to the focused window ({@link MenuActions.command}); their accelerators are the editor's
 * shortcuts where it has one (menu.test.ts checks each against the editor's key handling), else keys only the
 * desktop app registers.
 */
export function buildMenuTemplate(options: MenuOptions): MenuItemConstructorOptions[] {
  const { actions } = options;
  const mac = options.platform === 'darwin';
  const send = (command: EditorCommand) => () => actions.command(command);

  const recent: MenuItemConstructorOptions[] =
    options.recent.length === 0
      ? [{ label: 'No recent files', enabled: false }]
      : [
          ...options.recent.map((path) => ({ label: basename(path), toolTip: path, click: () => actions.openRecent(path) })),
          { type: 'separator' as const },
          { label: 'Clear Recent', click: () => actions.clearRecent() },
        ];

  const file: MenuItemConstructorOptions = {
    label: 'File',
    submenu: [
      { label: 'New Workflow', accelerator: 'CmdOrCtrl+N', click: send('new') },
      { label: 'Open…', accelerator: 'CmdOrCtrl+O', click: () => actions.openFiles('open') },
      { label: 'Open Recent', submenu: recent },
      { type: 'separator' },
      { label: 'Save', ...editorKey('CmdOrCtrl+S'), click: send('save') },
      { label: 'Save As…', ...editorKey('CmdOrCtrl+Shift+S'), click: send('saveAs') },
      { type: 'separator' },
      { label: 'Import…', click: () => actions.openFiles('import') },
      { label: 'Export…', accelerator: 'CmdOrCtrl+E', click: send('export') },
      { type: 'separator' },
      { label: 'Close Workflow', click: send('close') },
      mac ? { role: 'close' } : { role: 'quit' },
    ],
  };

  const edit: MenuItemConstructorOptions = {
    label: 'Edit',
    submenu: [
      { label: 'Undo', ...editorKey('CmdOrCtrl+Z'), click: send('undo') },
      { label: 'Redo', ...editorKey('CmdOrCtrl+Shift+Z'), click: send('redo') },
      { type: 'separator' },
      // Cut, Copy, Paste and Select All act on text fields natively; on the canvas the editor takes their keys.
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      { role: 'selectAll' },
      { type: 'separator' },
      { label: 'Duplicate', ...editorKey('CmdOrCtrl+D'), click: send('duplicate') },
      { label: 'Delete', ...editorKey('Delete'), click: send('delete') },
      { label: 'Auto-layout', ...editorKey('CmdOrCtrl+Shift+L'), click: send('layout') },
    ],
  };

  const view: MenuItemConstructorOptions = {
    label: 'View',
    submenu: [
      { label: 'Zoom In', accelerator: 'CmdOrCtrl+=', click: send('zoomIn') },
      { label: 'Zoom Out', accelerator: 'CmdOrCtrl+-', click: send('zoomOut') },
      { label: 'Fit Workflow', accelerator: 'CmdOrCtrl+0', click: send('fitView') },
      { type: 'separator' },
      { label: 'Toggle Light / Dark', click: send('toggleTheme') },
      { role: 'togglefullscreen' },
      ...(options.isDev ? [{ type: 'separator' as const }, { role: 'reload' as const }, { role: 'toggleDevTools' as const }] : []),
    ],
  };

  const run: MenuItemConstructorOptions = {
    label: 'Run',
    submenu: [
      { label: 'Run', accelerator: 'CmdOrCtrl+Enter', click: send('run') },
      { label: 'Debug', accelerator: 'F5', click: send('debug') },
      { type: 'separator' },
      { label: 'Step', ...editorKey('F10'), click: send('step') },
      { label: 'Continue', ...editorKey('F8'), click: send('continue') },
      { label: 'Toggle Breakpoint', ...editorKey('F9'), click: send('breakpoint') },
      { type: 'separator' },
      { label: 'Cancel Run', accelerator: 'Shift+F5', click: send('cancel') },
    ],
  };

  const help: MenuItemConstructorOptions = {
    role: 'help',
    submenu: [
      { label: 'Keyboard Shortcuts', accelerator: 'F1', click: send('help') },
      { label: 'Documentation', click: () => actions.openDocs() },
      ...(mac ? [] : [{ type: 'separator' as const }, { role: 'about' as const }]),
    ],
  };

  return [...(mac ? [{ role: 'appMenu' as const }] : []), file, edit, view, run, help];
}
