import { useEffect, useState } from 'react';
import { TEST_IDS } from '../test-ids.ts';

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
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => event.key === 'Escape' && onClose();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);
  const valid = name.trim() !== '';
  return (
    <div className="overlay" onClick={onClose}>
      <div
        className="save-as-dialog"
        role="dialog"
        aria-modal="true"
        aria-label="Save as"
        data-testid={TEST_IDS.saveAsDialog}
        onClick={(event) => event.stopPropagation()}
      >
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
      </div>
    </div>
  );
}
