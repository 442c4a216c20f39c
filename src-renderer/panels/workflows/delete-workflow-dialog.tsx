import { ModalDialog } from '../../kit/modal-dialog.tsx';
import { LIBRARY_IDS } from '../../test-ids.ts';

/** Asks before a workflow file is deleted, and says what stays (its runs). */
export function DeleteWorkflowDialog({ name, onCancel, onConfirm }: { name: string; onCancel: () => void; onConfirm: () => void }) {
  return (
    <ModalDialog label={`Delete ${name}`} className="save-as-dialog" testId={LIBRARY_IDS.deleteDialog} onClose={onCancel}>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          onConfirm();
        }}
      >
        <h2>Delete “{name}”?</h2>
        <p className="muted">The workflow file is deleted and cannot be recovered. Its runs and their logs are kept.</p>
        <div className="dialog-buttons">
          <button type="button" autoFocus onClick={onCancel}>
            Cancel
          </button>
          <button type="submit" className="danger" data-testid={LIBRARY_IDS.deleteConfirm}>
            Delete
          </button>
        </div>
      </form>
    </ModalDialog>
  );
}
