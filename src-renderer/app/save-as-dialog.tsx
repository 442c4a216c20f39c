import { useState } from 'react';
import { TEST_IDS } from '../test-ids.ts';
import { ModalDialog } from '../kit/modal-dialog.tsx';

/** Asks for the name of a copy of the open workflow. */
export function SaveAsDialog({
  initialName,
  onSave,
  onClose,
}: {
  initialName: string;
  onSave: (name: string) => void;
  onClose: () => void;
}) {
  const [name, setName] = useState(initialName);
  const valid = name.trim() !== '';
  return (
    <ModalDialog label="Save as" className="save-as-dialog" testId={TEST_IDS.saveAsDialog} onClose={onClose}>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (valid) onSave(name.trim());
        }}
      >
        <h2>Save as</h2>
        <label>
          Name of the copy
          <input autoFocus data-testid={TEST_IDS.saveAsName} value={name} onChange={(event) => setName(event.currentTarget.value)} />
        </label>
        <div className="dialog-buttons">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="primary" data-testid={TEST_IDS.saveAsConfirm} disabled={!valid}>
            Save copy
          </button>
        </div>
      </form>
    </ModalDialog>
  );
}
