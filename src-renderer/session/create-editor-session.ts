import type { WorkflowSummary } from '../../src-shared/api/schemas.ts';
import { createBuiltinRegistry } from '../../src-shared/nodes/builtin.ts';
import type { Workflow } from '../../src-shared/workflow/schema.ts';
import type { Catalogue, PortsFor } from '../editor/catalogue.ts';
import { createEditorStore } from './editor-store/index.ts';
import { errorMessage } from './api-context.ts';
import type { WorkspaceSession } from './workspace-session.ts';
import type { EditorSession } from './editor-context.ts';
import { createRunSession } from './run/run-session.ts';
import { createWorkflowCheck } from './workflow-check.ts';

/** The shared node registry is pure TypeScript: ports for a config (Router routes, Merge inputs) and live validation. */
export const registry = createBuiltinRegistry();

export const portsFor: PortsFor = (type, config) => {
  const nodeType = registry.get(type);
  if (nodeType === undefined) return undefined;
  try {
    return { inputs: nodeType.inputPorts(config), outputs: nodeType.outputPorts(config) };
  } catch {
    // A config being edited may not be one the type can read ports from yet.
    return undefined;
  }
};

let serial = 0;

/** One open workflow: its editor store, its run session and its save queue. */
export function createEditorSession(options: {
  /** The workspace's session: the API, live runs and stores the open workflow shares with the window. */
  workspace: Pick<WorkspaceSession, 'api' | 'liveRuns' | 'stores'>;
  workflow: Workflow;
  catalogue: Catalogue;
  onSaved: (summary: WorkflowSummary) => void;
}): EditorSession {
  const { workspace, workflow, catalogue, onSaved } = options;
  const { api, liveRuns, stores } = workspace;
  const workflowCheck = createWorkflowCheck(registry);
  // The canvas comes first: it validates the workflow once it is shown (useCheckProblemsWhenShown).
  const store = createEditorStore({ workflow, catalogue, portsFor, validate: workflowCheck.check, checkLater: true });
  // Nodes naming a provider the workspace does not configure are a problem (OPR-180) once the providers are known.
  api.call('providers.list', {}).then(
    ({ providers }) => {
      workflowCheck.setProviders(providers.map((provider) => provider.name));
      const { actions, ui } = store.getState();
      // Not validated yet: the first validation checks the providers too.
      if (ui.problemsChecked) actions.setProblems(workflowCheck.recheckProviders(actions.toWorkflow()));
    },
    () => undefined, // not listed (an older host): providers are left unchecked, as the pickers take typed names
  );
  // What the workspace policy refuses (node types, providers, Agent tools) is a problem too, before any run refuses it.
  api.call('policy.get', {}).then(
    ({ policy }) => {
      if (policy === null) return;
      workflowCheck.setPolicy(policy);
      const { actions, ui } = store.getState();
      if (ui.problemsChecked) actions.setProblems(workflowCheck.recheckProviders(actions.toWorkflow()));
    },
    () => undefined, // an older host: the engine still refuses such a run
  );
  let queue: Promise<boolean> = Promise.resolve(true);
  const save = (): Promise<boolean> => {
    queue = queue.then(async () => {
      const state = store.getState();
      const revision = state.ui.revision;
      try {
        const result = await api.call('workflows.save', { workflow: state.actions.toWorkflow() });
        store.getState().actions.markSaved(revision);
        onSaved(result.summary);
        return true;
      } catch (error) {
        stores.toast.getState().show(`Save failed: ${errorMessage(error)}`);
        return false;
      }
    });
    return queue;
  };
  const run = createRunSession({
    api,
    liveRuns,
    editor: store,
    workflowId: workflow.id,
    save,
    breakpoints: stores.breakpoints,
    onPause: () => stores.dock.getState().showBottom('run'),
  });
  // A run starting opens the collapsed bottom dock on the Run tab, so its status, approvals and totals show.
  run.subscribe((now, before) => {
    if (now.busy && !before.busy && stores.dock.getState().collapsed.bottom) stores.dock.getState().showBottom('run');
  });
  return { serial: ++serial, workflowId: workflow.id, store, run, catalogue, portsFor, save };
}
