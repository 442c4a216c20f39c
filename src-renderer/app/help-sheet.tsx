import { useEffect } from 'react';
import { TEST_IDS } from '../test-ids.ts';

export const SHORTCUTS: readonly [keys: string, what: string][] = [
  ['Ctrl/⌘ + S', 'Save (edits also save 1.5 s after the last change)'],
  ['Ctrl/⌘ + Shift + S', 'Save a copy under a new name'],
  ['Ctrl/⌘ + Z', 'Undo'],
  ['Ctrl/⌘ + Shift + Z, Ctrl + Y', 'Redo'],
  ['Delete / Backspace', 'Delete the selected nodes and edges'],
  ['Ctrl/⌘ + C', 'Copy the selected nodes'],
  ['Ctrl/⌘ + V', 'Paste nodes'],
  ['Ctrl/⌘ + D', 'Duplicate the selected nodes'],
  ['Ctrl/⌘ + Shift + L', 'Auto-layout: arrange the nodes left to right along the edges (one undo step)'],
  ['Shift + drag', 'Select several nodes'],
  ['F9', 'Set or clear a breakpoint on the selected node (a debug run pauses before it)'],
  ['F10', 'Step: run the paused node and pause before the next'],
  ['F8', 'Continue: run on to the next breakpoint'],
  ['?', 'This help'],
];

/** The keyboard shortcuts. */
export function HelpSheet({ onClose }: { onClose: () => void }) {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => event.key === 'Escape' && onClose();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);
  return (
    <div className="overlay" onClick={onClose}>
      <div
        className="help-sheet"
        role="dialog"
        aria-modal="true"
        aria-label="Keyboard shortcuts"
        data-testid={TEST_IDS.helpSheet}
        onClick={(event) => event.stopPropagation()}
      >
        <h2>Keyboard shortcuts</h2>
        <table>
          <tbody>
            {SHORTCUTS.map(([keys, what]) => (
              <tr key={keys}>
                <td>
                  <kbd>{keys}</kbd>
                </td>
                <td>{what}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
    </div>
  );
}
