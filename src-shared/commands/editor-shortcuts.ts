/**
 * The editor's keyboard shortcuts, as the editor handles them in a browser and in the desktop app alike. The desktop
 * menus (src-main/electron/menu.ts) show the same keys as accelerators and leave these keys to the editor, so a key
 * is never handled twice; menu.test.ts holds the two in step.
 */
export type ShortcutCommand =
  'save' | 'saveAs' | 'undo' | 'redo' | 'delete' | 'copy' | 'paste' | 'duplicate' | 'layout' | 'help' | 'breakpoint' | 'continue' | 'step';

/** The debugger's function keys, as in browser developer tools; they type nothing, so text fields do not need them. */
const FUNCTION_KEYS: Readonly<Record<string, ShortcutCommand>> = { F8: 'continue', F9: 'breakpoint', F10: 'step' };

export interface KeyLike {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}

/**
 * The editor command a key press means. In a text field (`editing`) only Save (and Save as) and the debugger's function keys (F8
 * Continue, F9 breakpoint, F10 Step: a text field has no use for them) are taken: undo, copy, paste and delete there
 * belong to the field.
 */
export function shortcutFor(event: KeyLike, editing: boolean): ShortcutCommand | undefined {
  const mod = event.ctrlKey || event.metaKey;
  const key = event.key.toLowerCase();
  if (mod && !event.altKey && key === 's') return event.shiftKey ? 'saveAs' : 'save';
  const functionKey = FUNCTION_KEYS[event.key];
  if (functionKey !== undefined) return !mod && !event.altKey && !event.shiftKey ? functionKey : undefined;
  if (editing) return undefined;
  if (mod && !event.altKey) {
    if (key === 'z') return event.shiftKey ? 'redo' : 'undo';
    if (key === 'y' && !event.shiftKey) return 'redo';
    if (key === 'c' && !event.shiftKey) return 'copy';
    if (key === 'v' && !event.shiftKey) return 'paste';
    if (key === 'd' && !event.shiftKey) return 'duplicate';
    if (key === 'l' && event.shiftKey) return 'layout';
    return undefined;
  }
  if (event.altKey) return undefined;
  if (key === 'delete' || key === 'backspace') return 'delete';
  if (event.key === '?') return 'help';
  return undefined;
}
