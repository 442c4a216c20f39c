import type { WorkflowSummary } from '../../src-shared/api/schemas.ts';
import type { Workflow } from '../../src-shared/workflow/schema.ts';
import { workflowIdFromName } from '../editor/ids.ts';
import { errorMessage, type WorkspaceApi } from './api-context.ts';
import type { EditorSession } from './editor-context.ts';

/** What a person does to workflows in the list: rename, duplicate, export, delete, and copy an example. */
export interface WorkflowLibrary {
  /** Renames a workflow; the open one is renamed in its editor (one undo step), so its next save keeps the name. */
  rename: (id: string, name: string) => Promise<void>;
  /** Saves a copy named "<name> copy" (a fresh id) and opens it. */
  duplicate: (id: string) => Promise<void>;
  /** Downloads the workflow file, named after the workflow. The open workflow's unsaved edits are saved first. */
  exportFile: (id: string) => Promise<void>;
  /** Deletes the workflow file (its runs stay); the open workflow is closed first. */
  remove: (id: string) => Promise<void>;
  /** Copies a shipped example into the workspace and opens the copy. */
  copyExample: (exampleId: string) => Promise<void>;
}

export interface LibraryDeps {
  api: WorkspaceApi;
  showToast: (message: string) => void;
  workflows: () => readonly WorkflowSummary[];
  refresh: () => Promise<void>;
  onSaved: (summary: WorkflowSummary) => void;
  /** Shows a workflow in the editor (the previous one's edits saved). */
  show: (workflow: Workflow) => void;
  /** The open workflow's session, if any. */
  current: () => EditorSession | undefined;
  close: () => void;
}

export function createWorkflowLibrary(deps: LibraryDeps): WorkflowLibrary {
  const { api, showToast } = deps;
  const nameOf = (id: string) => deps.workflows().find((w) => w.id === id)?.name ?? id;

  const exportFile = async (id: string) => {
    const open = deps.current();
    if (open?.workflowId === id && open.store.getState().ui.dirty && !(await open.save())) return;
    try {
      const { fileName, text } = await api.call('workflows.export', { id });
      downloadText(fileName, text);
    } catch (error) {
      showToast(`Export failed: ${errorMessage(error)}`);
    }
  };

  return {
    async rename(id, name) {
      const trimmed = name.trim();
      if (trimmed === '' || trimmed === nameOf(id)) return;
      const open = deps.current();
      try {
        if (open?.workflowId === id) {
          open.store.getState().actions.updateMeta({ name: trimmed });
          await open.save();
        } else {
          deps.onSaved(await api.call('workflows.rename', { id, name: trimmed }));
        }
      } catch (error) {
        showToast(`Could not rename "${nameOf(id)}": ${errorMessage(error)}`);
      }
    },
    async duplicate(id) {
      try {
        const open = deps.current();
        if (open?.workflowId === id && open.store.getState().ui.dirty) await open.save();
        const { workflow } = await api.call('workflows.open', { id });
        const name = `${workflow.name} copy`;
        const copyId = workflowIdFromName(name, new Set(deps.workflows().map((w) => w.id)));
        const result = await api.call('workflows.save', { workflow: { ...workflow, id: copyId, name } });
        deps.onSaved(result.summary);
        deps.show(result.workflow);
        showToast(`Duplicated "${workflow.name}" as "${name}"`);
      } catch (error) {
        showToast(`Could not duplicate "${nameOf(id)}": ${errorMessage(error)}`);
      }
    },
    exportFile,
    async remove(id) {
      const name = nameOf(id);
      if (deps.current()?.workflowId === id) deps.close();
      try {
        await api.call('workflows.delete', { id });
        await deps.refresh();
        showToast(`Deleted "${name}". Its runs are kept.`);
      } catch (error) {
        showToast(`Could not delete "${name}": ${errorMessage(error)}`);
        await deps.refresh();
      }
    },
    async copyExample(exampleId) {
      try {
        const result = await api.call('examples.copy', { id: exampleId });
        deps.onSaved(result.summary);
        deps.show(result.workflow);
        showToast(`Opened a copy of the example "${result.summary.name}"`);
      } catch (error) {
        showToast(`Could not open the example: ${errorMessage(error)}`);
      }
    },
  };
}

/** Saves text as a file through the browser's download (the desktop app's window lets it through to a save dialog). */
function downloadText(fileName: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
