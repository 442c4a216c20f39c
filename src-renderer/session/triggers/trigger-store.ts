import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Activation, Firing } from '../../../src-shared/triggers/service-schemas.ts';
import { labelOf, nodeLabels } from '../../../src-shared/workflow/node-labels.ts';
import { withFiring } from '../../editor/triggers/firing-labels.ts';
import { errorMessage, type WorkspaceApi } from '../api-context.ts';

/** How many firings the log keeps on screen (the newest). */
export const FIRING_LOG_LIMIT = 200;

export interface TriggerState {
  /** Every workflow of the workspace with trigger nodes, by workflow id: active or not, what it listens for. */
  activations: ReadonlyMap<string, Activation>;
  /** The workspace's firing log, newest first. */
  firings: readonly Firing[];
  loaded: boolean;
  /** Why the activations or the log could not be read (a server without the trigger service). */
  error: string | undefined;
  /** Workflows whose activation is being changed (their switch waits). */
  pending: ReadonlySet<string>;
  /** Reads the activations and the log again; calls while one is in flight fold into one more read after it. */
  refresh: () => Promise<void>;
  /**
   * Activates or deactivates a workflow. A refusal answers its problems in words, nodes named by their labels
   * (`titleOf` gives a node type's title for nodes without one); the workflow stays as it was.
   */
  setActive: (workflowId: string, active: boolean, titleOf: (type: string) => string | undefined) => Promise<ActivationResult>;
  /** A pushed activation (triggers.changed) or firing (triggers.fired). */
  changed: (activation: Activation) => void;
  fired: (firing: Firing) => void;
}

export type ActivationResult = { ok: true } | { ok: false; message: string; problems: string[] };

export type TriggerStore = StoreApi<TriggerState>;

/** The workspace's trigger service as the editor shows it: the workflow list's switches, the top bar, the firing log. */
export function createTriggerStore(api: WorkspaceApi): TriggerStore {
  let inFlight: Promise<void> | undefined;
  let again = false;
  return createStore<TriggerState>()((set, get) => {
    const read = async () => {
      try {
        const [{ workflows }, { firings }] = await Promise.all([
          api.call('triggers.list', {}),
          api.call('triggers.log', { limit: FIRING_LOG_LIMIT }),
        ]);
        set({ activations: new Map(workflows.map((a) => [a.workflowId, a])), firings, loaded: true, error: undefined });
      } catch (error) {
        set({ loaded: true, error: errorMessage(error) });
      }
    };

    /** The problems of a refused activation, with node ids replaced by the nodes' labels. */
    const problemsInWords = async (workflowId: string, error: unknown, titleOf: (type: string) => string | undefined) => {
      const problems = (error as { problems?: { nodeId?: string; message: string }[] }).problems ?? [];
      if (problems.length === 0) return [];
      let labels = new Map<string, string>();
      try {
        const { workflow } = await api.call('workflows.open', { id: workflowId });
        labels = nodeLabels(workflow.nodes, titleOf);
      } catch {
        // The problems read with node ids then.
      }
      return problems.map((p) => (p.nodeId === undefined ? p.message : `${labelOf(labels, p.nodeId)}: ${p.message}`));
    };

    return {
      activations: new Map(),
      firings: [],
      loaded: false,
      error: undefined,
      pending: new Set(),
      refresh() {
        if (inFlight !== undefined) {
          again = true;
          return inFlight;
        }
        inFlight = (async () => {
          do {
            again = false;
            await read();
          } while (again);
          inFlight = undefined;
        })();
        return inFlight;
      },
      async setActive(workflowId, active, titleOf) {
        set({ pending: new Set([...get().pending, workflowId]) });
        try {
          const { activation } = await api.call('triggers.setActive', { workflowId, active });
          get().changed(activation);
          return { ok: true };
        } catch (error) {
          const problems = await problemsInWords(workflowId, error, titleOf);
          const message = error instanceof Error ? error.message : String(error);
          return { ok: false, message, problems };
        } finally {
          const pending = new Set(get().pending);
          pending.delete(workflowId);
          set({ pending });
        }
      },
      changed(activation) {
        const activations = new Map(get().activations);
        activations.set(activation.workflowId, activation);
        set({ activations });
      },
      fired(firing) {
        set({ firings: withFiring(get().firings, firing, FIRING_LOG_LIMIT) });
      },
    };
  });
}
