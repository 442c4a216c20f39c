import { TEST_IDS } from '../test-ids.ts';
import { selectCanRedo, selectCanUndo, selectDirty, selectMeta } from '../editor/store/index.ts';
import { useAutoLayout } from '../session/auto-layout.ts';
import { useEditor, useEditorSession, useRunSession } from '../session/editor-context.ts';
import { useCan } from '../session/access/use-whoami.ts';

/** The open workflow's name (editable), dirty marker, Save, Save as, Run, Undo/Redo, Auto-layout and Export. */
export function EditorButtons({ onExport, onSaveAs }: { onExport: () => void; onSaveAs: () => void }) {
  const { store, save, run } = useEditorSession();
  const autoLayout = useAutoLayout(store);
  const name = useEditor((s) => selectMeta(s).name);
  const dirty = useEditor(selectDirty);
  const canUndo = useEditor(selectCanUndo);
  const canRedo = useEditor(selectCanRedo);
  const busy = useRunSession((s) => s.busy);
  const actions = store.getState().actions;
  // A role that may not edit gets no Save, Undo, Auto-layout or name field to type in; one that may not run, no Run.
  const canEdit = useCan('edit');
  const canRun = useCan('operate');

  return (
    <div className="editor-buttons">
      <input
        className="workflow-name"
        data-testid={TEST_IDS.workflowName}
        aria-label="Workflow name"
        readOnly={!canEdit}
        value={name}
        onChange={(event) => {
          if (event.currentTarget.value.trim() !== '') actions.updateMeta({ name: event.currentTarget.value });
        }}
      />
      {dirty && (
        <span className="dirty-marker" data-testid={TEST_IDS.dirtyMarker} title="Unsaved changes">
          ●
        </span>
      )}
      {canEdit && (
        <>
          <button type="button" data-testid={TEST_IDS.saveButton} onClick={() => void save()}>
            Save
          </button>
          <button type="button" data-testid={TEST_IDS.saveAsButton} onClick={onSaveAs} title="Save a copy under a new name">
            Save as…
          </button>
        </>
      )}
      {canRun && (
        <button
          type="button"
          className="primary"
          data-testid={TEST_IDS.runButton}
          disabled={busy}
          onClick={() => void run.getState().actions.start()}
        >
          Run
        </button>
      )}
      {canEdit && (
        <>
          <button type="button" data-testid={TEST_IDS.undoButton} disabled={!canUndo} onClick={actions.undo} title="Undo (Ctrl+Z)">
            Undo
          </button>
          <button type="button" data-testid={TEST_IDS.redoButton} disabled={!canRedo} onClick={actions.redo} title="Redo (Ctrl+Shift+Z)">
            Redo
          </button>
          <button type="button" data-testid={TEST_IDS.layoutButton} onClick={autoLayout} title="Auto-layout (Ctrl+Shift+L)">
            Auto-layout
          </button>
        </>
      )}
      <button type="button" data-testid={TEST_IDS.exportButton} onClick={onExport}>
        Export
      </button>
    </div>
  );
}
