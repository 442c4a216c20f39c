import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { EDITOR_COMMANDS, type EditorCommand } from '../../src-shared/api/desktop-contract.ts';
import { shortcutFor, type KeyLike } from '../../src-shared/commands/editor-shortcuts.ts';
import { buildMenuTemplate, type MenuActions, type MenuOptions } from './menu.ts';

/** The menus with actions that record what each item did. */
function menus(options: Partial<Omit<MenuOptions, 'actions'>> = {}) {
  const done: string[] = [];
  const actions: MenuActions = {
    command: (command) => done.push(`command:${command}`),
    openFiles: (as) => done.push(`openFiles:${as}`),
    openRecent: (path) => done.push(`openRecent:${path}`),
    clearRecent: () => done.push('clearRecent'),
    openDocs: () => done.push('openDocs'),
  };
  const template = buildMenuTemplate({ platform: 'linux', isDev: false, recent: [], actions, ...options });
  return { template, done };
}

interface Item {
  menu: string;
  item: MenuItemConstructorOptions;
}

/** Every item of every menu and submenu, with its top-level menu's label. */
function items(template: MenuItemConstructorOptions[]): Item[] {
  const all: Item[] = [];
  const walk = (menu: string, list: MenuItemConstructorOptions[]): void => {
    for (const item of list) {
      all.push({ menu, item });
      if (Array.isArray(item.submenu)) walk(menu, item.submenu);
    }
  };
  for (const top of template) walk(top.label ?? top.role ?? '?', Array.isArray(top.submenu) ? top.submenu : []);
  return all;
}

/** What clicking an item does. */
function click(item: MenuItemConstructorOptions, done: string[]): string | undefined {
  const before = done.length;
  (item.click as (() => void) | undefined)?.();
  return done.length > before ? done.at(-1) : undefined;
}

/** The key press an accelerator stands for, with Ctrl (or Cmd) for CmdOrCtrl. */
function keyOf(accelerator: string, cmd: 'ctrlKey' | 'metaKey'): KeyLike {
  const parts = accelerator.split('+');
  const key = parts.at(-1) ?? '';
  const shiftKey = parts.includes('Shift');
  return {
    // A browser reports a letter typed with Shift in capitals; named keys (Delete, F9) as named.
    key: key.length === 1 ? (shiftKey ? key.toUpperCase() : key.toLowerCase()) : key,
    ctrlKey: cmd === 'ctrlKey' && parts.includes('CmdOrCtrl'),
    metaKey: cmd === 'metaKey' && parts.includes('CmdOrCtrl'),
    shiftKey,
    altKey: parts.includes('Alt'),
  };
}

const labels = (template: MenuItemConstructorOptions[], menu: string): string[] =>
  items(template)
    .filter((each) => each.menu === menu)
    .map(({ item }) => item.label ?? item.role ?? item.type ?? '')
    .filter((label) => label !== 'separator');

describe('buildMenuTemplate: the desktop menus', () => {
  it('has File, Edit, View, Run and Help with the items a desktop app is expected to have', () => {
    const { template } = menus({ recent: ['/home/ann/triage.operon.json'] });
    expect(template.map((menu) => menu.label ?? menu.role)).toEqual(['File', 'Edit', 'View', 'Run', 'help']);
    expect(labels(template, 'File')).toEqual([
      'New Workflow',
      'Open…',
      'Open Recent',
      'triage.operon.json',
      'Clear Recent',
      'Save',
      'Save As…',
      'Import…',
      'Export…',
      'Close Workflow',
      'quit',
    ]);
    expect(labels(template, 'Edit')).toEqual(['Undo', 'Redo', 'cut', 'copy', 'paste', 'selectAll', 'Duplicate', 'Delete', 'Auto-layout']);
    expect(labels(template, 'View')).toEqual(['Zoom In', 'Zoom Out', 'Fit Workflow', 'Toggle Light / Dark', 'togglefullscreen']);
    expect(labels(template, 'Run')).toEqual(['Run', 'Debug', 'Step', 'Continue', 'Toggle Breakpoint', 'Cancel Run']);
    expect(labels(template, 'help')).toEqual(['Keyboard Shortcuts', 'Documentation', 'about']);
  });

  it('gives the developer tools only to development builds, and macOS its app menu and Close', () => {
    expect(labels(menus({ isDev: true }).template, 'View')).toEqual(expect.arrayContaining(['reload', 'toggleDevTools']));
    const mac = menus({ platform: 'darwin' }).template;
    expect(mac[0]).toEqual({ role: 'appMenu' });
    expect(labels(mac, 'File')).toContain('close');
    expect(labels(mac, 'File')).not.toContain('quit');
    expect(labels(mac, 'help')).not.toContain('about');
  });

  it("sends every editor command from some item, and each item's to the window", () => {
    const { template, done } = menus();
    const sent = new Set<EditorCommand>();
    for (const { item } of items(template)) {
      const did = click(item, done);
      if (did?.startsWith('command:') === true) sent.add(did.slice('command:'.length) as EditorCommand);
    }
    expect([...sent].sort()).toEqual([...EDITOR_COMMANDS].sort());
    const byLabel = (label: string) => items(template).find(({ item }) => item.label === label)?.item;
    const expected: [string, string][] = [
      ['Save', 'command:save'],
      ['Undo', 'command:undo'],
      ['Run', 'command:run'],
      ['Debug', 'command:debug'],
      ['Step', 'command:step'],
      ['Cancel Run', 'command:cancel'],
      ['Open…', 'openFiles:open'],
      ['Import…', 'openFiles:import'],
      ['Documentation', 'openDocs'],
    ];
    for (const [label, action] of expected) {
      const item = byLabel(label);
      expect(item, label).toBeDefined();
      if (item !== undefined) expect(click(item, done), label).toBe(action);
    }
  });

  it("shows the editor's own shortcuts without registering them, so the editor's key handling does the work once", () => {
    const { template, done } = menus();
    const editorKeys = items(template).filter(({ item }) => item.registerAccelerator === false);
    expect(editorKeys.map(({ item }) => item.label)).toEqual(
      expect.arrayContaining([
        'Save',
        'Save As…',
        'Undo',
        'Redo',
        'Duplicate',
        'Delete',
        'Auto-layout',
        'Step',
        'Continue',
        'Toggle Breakpoint',
      ]),
    );
    for (const { item } of editorKeys) {
      const command = click(item, done)?.replace('command:', '');
      for (const cmd of ['ctrlKey', 'metaKey'] as const)
        expect(shortcutFor(keyOf(String(item.accelerator), cmd), false), `${item.label} (${String(item.accelerator)})`).toBe(command);
    }
  });

  it('registers only keys the editor leaves alone, so none acts twice', () => {
    const { template } = menus();
    const registered = items(template).filter(({ item }) => item.accelerator !== undefined && item.registerAccelerator !== false);
    expect(registered.map(({ item }) => item.label)).toEqual(
      expect.arrayContaining(['New Workflow', 'Open…', 'Export…', 'Zoom In', 'Run', 'Debug', 'Cancel Run', 'Keyboard Shortcuts']),
    );
    for (const { item } of registered)
      for (const editing of [false, true])
        expect(
          shortcutFor(keyOf(String(item.accelerator), 'ctrlKey'), editing),
          `${item.label} (${String(item.accelerator)})`,
        ).toBeUndefined();
  });

  it('lists recent files newest first and opens the one chosen; with none, says so', () => {
    const { template, done } = menus({ recent: ['/w/b.operon.json', '/w/a.operon.json'] });
    const recent = items(template).find(({ item }) => item.label === 'Open Recent')?.item.submenu as MenuItemConstructorOptions[];
    expect(recent.map((item) => item.label ?? item.type)).toEqual(['b.operon.json', 'a.operon.json', 'separator', 'Clear Recent']);
    expect(recent[0]?.toolTip).toBe('/w/b.operon.json');
    expect(click(recent[1] ?? {}, done)).toBe('openRecent:/w/a.operon.json');
    expect(click(recent[3] ?? {}, done)).toBe('clearRecent');
    const none = items(menus().template).find(({ item }) => item.label === 'Open Recent')?.item.submenu;
    expect(none).toEqual([{ label: 'No recent files', enabled: false }]);
  });
});
