import { TEST_IDS } from '../test-ids.ts';
import { ModalDialog } from '../kit/modal-dialog.tsx';

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
  return (
    <ModalDialog label="Keyboard shortcuts" className="help-sheet" testId={TEST_IDS.helpSheet} onClose={onClose}>
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
    </ModalDialog>
  );
}
