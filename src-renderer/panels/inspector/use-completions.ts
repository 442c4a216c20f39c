import { useCallback, useLayoutEffect, useRef, useState, type KeyboardEvent, type RefObject } from 'react';
import { completionsAt, type Completion, type CompletionResult, type CompletionSources } from '../../editor/expressions/completions.ts';

export interface CompletionState {
  open: CompletionResult | undefined;
  active: number;
  /** Call after the text changed by typing: opens on `$`, `.` and `{{`, and follows the typing while open. */
  typed: (text: string, caret: number, inserted: string | null) => void;
  /** Handles the list's keys (arrows, Enter, Tab, Escape) and Ctrl+Space; true when the key was used. */
  keyDown: (event: KeyboardEvent<HTMLTextAreaElement>) => boolean;
  accept: (item: Completion) => void;
  close: () => void;
  setActive: (index: number) => void;
}

/** The completion list of one expression or template textarea: when it opens, which item is active, what accepting does. */
export function useCompletions(
  textarea: RefObject<HTMLTextAreaElement | null>,
  kind: 'expression' | 'template',
  sources: CompletionSources,
  onText: (text: string) => void,
): CompletionState {
  const [open, setOpen] = useState<CompletionResult>();
  const [active, setActive] = useState(0);
  const pendingCaret = useRef<number | undefined>(undefined);

  const show = useCallback(
    (text: string, caret: number) => {
      const result = completionsAt(text, caret, kind, sources);
      setOpen(result);
      setActive(0);
    },
    [kind, sources],
  );

  const typed = (text: string, caret: number, inserted: string | null) => {
    const before = text.slice(0, caret);
    const trigger = inserted !== null && (/[$.]$/.test(inserted) || (kind === 'template' && /\{\{\s*$/.test(before)));
    if (trigger) return show(text, caret);
    if (open === undefined) return;
    // A space or an operator ends the word being completed: Enter after it is a new line, not a pick.
    if (inserted !== null && inserted !== '' && !/[\w$]$/.test(inserted)) return setOpen(undefined);
    show(text, caret);
  };

  const accept = (item: Completion) => {
    const element = textarea.current;
    if (open === undefined || element === null) return;
    const text = element.value;
    const next = text.slice(0, open.from) + item.insert + text.slice(open.to);
    pendingCaret.current = open.from + (item.caret ?? item.insert.length);
    setOpen(undefined);
    onText(next);
  };

  // Put the caret after the accepted text once React has rendered it.
  useLayoutEffect(() => {
    const caret = pendingCaret.current;
    const element = textarea.current;
    if (caret === undefined || element === null) return;
    pendingCaret.current = undefined;
    element.focus();
    element.setSelectionRange(caret, caret);
  });

  const keyDown = (event: KeyboardEvent<HTMLTextAreaElement>): boolean => {
    if (event.key === ' ' && event.ctrlKey) {
      const element = event.currentTarget;
      show(element.value, element.selectionStart);
      return true;
    }
    if (open === undefined) return false;
    const count = open.items.length;
    switch (event.key) {
      case 'ArrowDown':
        setActive((active + 1) % count);
        return true;
      case 'ArrowUp':
        setActive((active - 1 + count) % count);
        return true;
      case 'Enter':
      case 'Tab': {
        const item = open.items[active];
        if (item !== undefined) accept(item);
        return true;
      }
      case 'Escape':
        setOpen(undefined);
        return true;
      case 'ArrowLeft':
      case 'ArrowRight':
      case 'Home':
      case 'End':
        // The caret leaves the word being completed.
        setOpen(undefined);
        return false;
      default:
        return false;
    }
  };

  return { open, active, typed, keyDown, accept, close: () => setOpen(undefined), setActive };
}
