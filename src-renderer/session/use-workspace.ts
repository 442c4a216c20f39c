import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { WorkflowSummary } from '../../src-shared/api/schemas.ts';
import { WorkflowSchema, WorkflowSettingsSchema, type Workflow } from '../../src-shared/workflow/schema.ts';
import { createCatalogue, type Catalogue } from '../editor/catalogue.ts';
import { freshId, workflowIdFromName } from '../editor/ids.ts';
import { canonicalJson } from '../../src-shared/engine/canonical-json.ts';
import { errorMessage } from './api-context.ts';
import { createEditorSession } from './create-editor-session.ts';
import type { EditorSession } from './editor-context.ts';
import { useShowToast, useWorkspaceSession } from './workspace-context.ts';
import { createWorkflowLibrary, type WorkflowLibrary } from './workflow-library.ts';

export interface Workspace {
  catalogue: Catalogue | undefined;
  workflows: readonly WorkflowSummary[];
  session: EditorSession | undefined;
  /** Set when the catalogue or the list could not be loaded. */
  loadError: string | undefined;
  /** Opens a workflow; false (and a toast saying why) when it could not be opened. */
  open: (id: string) => Promise<boolean>;
  create: () => Promise<void>;
  importText: (text: string) => Promise<void>;
  /**
   * Opens a workflow file's text (from the desktop app's File menu, the command line, a file dropped on the window):
   * the workflow already in the workspace when it is the same document, else an imported copy. `as: 'import'` always
   * imports.
   */
  openFile: (text: string, options?: { as?: 'open' | 'import' }) => Promise<void>;
  /** Closes the open workflow (its unsaved edits are saved first). */
  close: () => void;
  exportOpen: () => Promise<void>;
  /**
   * Saves a copy of the open workflow under `name` (and an id made from it) and opens the copy. Unsaved edits go to
   * the copy only: the original stays as it was last saved.
   */
  saveAs: (name: string) => Promise<void>;
  /** Rename, duplicate, export or delete any workflow in the list; copy an example. */
  library: WorkflowLibrary;
}

const TRIGGER = 'core.manual-trigger';

/** The workflow list, the catalogue and the one open workflow's session. */
export function useWorkspace(): Workspace {
  const showToast = useShowToast();
  const shared = useWorkspaceSession();
  const { api } = shared;
  const [catalogue, setCatalogue] = useState<Catalogue>();
  const [workflows, setWorkflows] = useState<readonly WorkflowSummary[]>([]);
  const [session, setSession] = useState<EditorSession>();
  const [loadError, setLoadError] = useState<string>();
  const sessionRef = useRef<EditorSession>(undefined);

  const refresh = useCallback(async () => {
    const { workflows: list } = await api.call('workflows.list', {});
    setWorkflows(list);
  }, [api]);

  useEffect(() => {
    let live = true;
    api
      .call('nodeTypes.catalogue', {})
      .then(async ({ nodeTypes }) => {
        if (!live) return;
        setCatalogue(createCatalogue(nodeTypes));
        await refresh();
      })
      .catch((error: unknown) => live && setLoadError(errorMessage(error)));
    return () => {
      live = false;
    };
  }, [api, refresh]);

  const onSaved = useCallback((summary: WorkflowSummary) => {
    setWorkflows((list) => {
      const rest = list.filter((w) => w.id !== summary.id);
      return [...rest, summary].sort((a, b) => a.name.localeCompare(b.name));
    });
  }, []);

  const show = useCallback(
    (workflow: Workflow, { savePrevious = true }: { savePrevious?: boolean } = {}) => {
      if (catalogue === undefined) return;
      const previous = sessionRef.current;
      if (previous !== undefined) {
        if (savePrevious && previous.store.getState().ui.dirty) void previous.save();
        previous.run.getState().actions.dispose();
      }
      const next = createEditorSession({ workspace: shared, workflow, catalogue, onSaved });
      sessionRef.current = next;
      setSession(next);
    },
    [shared, catalogue, onSaved],
  );

  const open = useCallback(
    async (id: string) => {
      try {
        const { workflow } = await api.call('workflows.open', { id });
        show(workflow);
        return true;
      } catch (error) {
        const name = workflows.find((w) => w.id === id)?.name ?? id;
        showToast(`Could not open "${name}": ${errorMessage(error)}`);
        return false;
      }
    },
    [api, show, workflows],
  );

  const create = useCallback(async () => {
    const trigger = catalogue?.get(TRIGGER);
    if (trigger === undefined) return;
    const id = freshId('workflow', new Set(workflows.map((w) => w.id)));
    const workflow: Workflow = {
      schemaVersion: 1,
      id,
      name: `Untitled ${id.slice('workflow-'.length)}`,
      description: '',
      nodes: [
        {
          id: 'start',
          type: TRIGGER,
          typeVersion: trigger.version,
          position: { x: 0, y: 0 },
          config: structuredClone(trigger.defaultConfig),
        },
      ],
      edges: [],
      settings: WorkflowSettingsSchema.parse({}),
    };
    try {
      const result = await api.call('workflows.save', { workflow });
      onSaved(result.summary);
      show(result.workflow);
    } catch (error) {
      showToast(`Could not create a workflow: ${errorMessage(error)}`);
    }
  }, [api, catalogue, workflows, onSaved, show]);

  const importText = useCallback(
    async (text: string) => {
      try {
        const result = await api.call('workflows.import', { text });
        await refresh();
        show(result.workflow);
        showToast(
          result.renamedFrom === undefined
            ? `Imported "${result.summary.name}"`
            : `Imported "${result.summary.name}" as a copy: a workflow with the same id was already here`,
        );
      } catch (error) {
        showToast(`Import failed: ${errorMessage(error)}`);
      }
    },
    [api, refresh, show],
  );

  const openFile = useCallback(
    async (text: string, { as = 'open' }: { as?: 'open' | 'import' } = {}) => {
      const id = as === 'open' ? workflowIdIn(text) : undefined;
      if (id !== undefined) {
        try {
          const stored = await api.call('workflows.export', { id });
          if (sameDocument(stored.text, text)) {
            await open(id);
            return;
          }
        } catch {
          // Not in the workspace (or unreadable there): import the file, as below.
        }
      }
      await importText(text);
    },
    [api, open, importText],
  );

  const closeSession = useCallback(({ save }: { save: boolean }) => {
    const current = sessionRef.current;
    if (current === undefined) return;
    if (save && current.store.getState().ui.dirty) void current.save();
    current.run.getState().actions.dispose();
    sessionRef.current = undefined;
    setSession(undefined);
  }, []);
  const close = useCallback(() => closeSession({ save: true }), [closeSession]);

  const workflowsRef = useRef(workflows);
  workflowsRef.current = workflows;
  const library = useMemo(
    () =>
      createWorkflowLibrary({
        api,
        showToast,
        workflows: () => workflowsRef.current,
        refresh,
        onSaved,
        show,
        current: () => sessionRef.current,
        // A deleted workflow's unsaved edits are dropped: saving them would write the file again.
        close: () => closeSession({ save: false }),
      }),
    [api, showToast, refresh, onSaved, show, closeSession],
  );

  const exportOpen = useCallback(async () => {
    const current = sessionRef.current;
    if (current !== undefined) await library.exportFile(current.workflowId);
  }, [library]);

  const saveAs = useCallback(
    async (name: string) => {
      const current = sessionRef.current;
      if (current === undefined || name.trim() === '') return;
      const id = workflowIdFromName(name, new Set(workflows.map((w) => w.id)));
      const workflow: Workflow = { ...current.store.getState().actions.toWorkflow(), id, name: name.trim() };
      try {
        const result = await api.call('workflows.save', { workflow });
        onSaved(result.summary);
        show(result.workflow, { savePrevious: false });
        showToast(`Saved a copy as "${result.summary.name}"`);
      } catch (error) {
        showToast(`Save as failed: ${errorMessage(error)}`);
      }
    },
    [api, workflows, onSaved, show],
  );

  return { catalogue, workflows, session, loadError, open, create, importText, openFile, close, exportOpen, saveAs, library };
}

/** The `id` a workflow file's text names, if it is JSON with one. */
function workflowIdIn(text: string): string | undefined {
  try {
    const id: unknown = (JSON.parse(text) as { id?: unknown } | null)?.id;
    return typeof id === 'string' ? id : undefined;
  } catch {
    return undefined;
  }
}

/** Whether two workflow file texts hold the same workflow, whatever their formatting, key order and left-out defaults. */
function sameDocument(a: string, b: string): boolean {
  try {
    const [left, right] = [a, b].map((text) => WorkflowSchema.safeParse(JSON.parse(text)));
    return left?.success === true && right?.success === true && canonicalJson(left.data) === canonicalJson(right.data);
  } catch {
    return false;
  }
}
