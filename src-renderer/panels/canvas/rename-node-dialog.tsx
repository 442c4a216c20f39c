import { useState } from 'react';
import { ModalDialog } from '../../kit/modal-dialog.tsx';
import { useEditorSession } from '../../session/editor-context.ts';
import { CANVAS_IDS } from '../../test-ids.ts';

/** Renames a node (its label; empty goes back to the type's title). One undo step. */
export function RenameNodeDialog({ nodeId, onClose }: { nodeId: string; onClose: () => void }) {
  const { store, catalogue } = useEditorSession();
  const data = store.getState().graph.nodes.find((node) => node.id === nodeId)?.data;
  const typeTitle = data === undefined ? '' : (catalogue.get(data.type)?.title ?? data.type);
  const [label, setLabel] = useState(data?.label ?? typeTitle);
  return (
    <ModalDialog label="Rename node" className="save-as-dialog" testId={CANVAS_IDS.renameDialog} onClose={onClose}>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          store.getState().actions.renameNode(nodeId, label.trim() === typeTitle ? '' : label);
          onClose();
        }}
      >
        <h2>Rename node</h2>
        <label>
          Name
          <input
            autoFocus
            data-testid={CANVAS_IDS.renameInput}
            value={label}
            placeholder={typeTitle}
            onFocus={(event) => event.currentTarget.select()}
            onChange={(event) => setLabel(event.currentTarget.value)}
          />
        </label>
        <div className="dialog-buttons">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="primary" data-testid={CANVAS_IDS.renameConfirm}>
            Rename
          </button>
        </div>
      </form>
    </ModalDialog>
  );
}
