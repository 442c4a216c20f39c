import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ApiClient } from '../../src-shared/api/client.ts';
import type { EngineEvent } from '../../src-shared/engine/events.ts';
import type { EditorStore } from '../editor/store/index.ts';
import { parseJson } from '../editor/forms/index.ts';
import { errorMessage, WORKSPACE } from './api-context.ts';

export interface PendingApproval {
  nodeId: string;
  title: string;
  message: string;
  data?: unknown;
}

export interface RunSessionState {
  /** The run inputs as typed (a JSON object). */
  inputs: string;
  inputsError: string | undefined;
  /** The last finished run's outputs. */
  outputs: Record<string, unknown> | undefined;
  approvals: readonly PendingApproval[];
  /** Why the last start, decision or run failed. */
  error: string | undefined;
  busy: boolean;
  actions: {
    setInputs: (text: string) => void;
    /** Saves, then starts a run of the saved workflow and watches its events. */
    start: () => Promise<void>;
    decide: (nodeId: string, decision: 'approved' | 'rejected') => Promise<void>;
    /** Stops listening to run events. */
    dispose: () => void;
  };
}

export type RunSessionStore = StoreApi<RunSessionState>;

export interface RunSessionOptions {
  api: ApiClient;
  editor: EditorStore;
  workflowId: string;
  save: () => Promise<boolean>;
}

/** Starts runs of the open workflow and feeds their pushed events to the editor store (statuses) and to itself (outputs, approvals). */
export function createRunSession({ api, editor, workflowId, save }: RunSessionOptions): RunSessionStore {
  let watched: string | null = null;
  let starting = false;

  const store = createStore<RunSessionState>()((set, get) => {
    const handle = (runId: string, event: EngineEvent) => {
      if (watched === null && starting && event.type === 'run.started' && event.parent === undefined && event.workflowId === workflowId) {
        watched = runId;
      }
      if (runId !== watched) return;
      editor.getState().actions.applyRunEvent(event);
      if (event.runId !== runId) return; // a child run's event: statuses only
      switch (event.type) {
        case 'node.waiting':
          set((s) => ({
            approvals: [
              ...s.approvals.filter((a) => a.nodeId !== event.nodeId),
              { nodeId: event.nodeId, title: event.request.title, message: event.request.message, data: event.request.data },
            ],
          }));
          break;
        case 'node.finished':
        case 'node.error':
        case 'node.skipped':
          if (get().approvals.some((a) => a.nodeId === event.nodeId)) {
            set((s) => ({ approvals: s.approvals.filter((a) => a.nodeId !== event.nodeId) }));
          }
          break;
        case 'run.finished':
          set({ outputs: event.outputs, approvals: [], error: event.error === undefined ? undefined : event.error.message });
          break;
        default:
          break;
      }
    };

    const unsubscribe = api.on('run.event', (payload) => {
      if (payload.workspace === WORKSPACE) handle(payload.runId, payload.event);
    });

    /** Events logged before this window watched the run (they may arrive before `runs.start` answers). */
    const backfill = async (runId: string) => {
      let fromSeq: number | null = 0;
      editor.getState().actions.clearRun();
      set({ approvals: [] });
      while (fromSeq !== null) {
        const page: { events: EngineEvent[]; nextSeq: number | null } = await api.call('runs.events', {
          workspace: WORKSPACE,
          runId,
          fromSeq,
        });
        for (const event of page.events) handle(runId, event);
        fromSeq = page.nextSeq;
      }
    };

    return {
      inputs: '{}',
      inputsError: undefined,
      outputs: undefined,
      approvals: [],
      error: undefined,
      busy: false,
      actions: {
        setInputs(text) {
          const check = parseJson(text);
          const inputsError = !check.ok
            ? check.message
            : typeof check.value !== 'object' || check.value === null || Array.isArray(check.value)
              ? 'inputs are a JSON object'
              : undefined;
          set({ inputs: text, inputsError });
        },
        async start() {
          const check = parseJson(get().inputs);
          if (!check.ok || typeof check.value !== 'object' || check.value === null || Array.isArray(check.value)) {
            set({ inputsError: check.ok ? 'inputs are a JSON object' : check.message });
            return;
          }
          set({ busy: true, error: undefined, outputs: undefined, approvals: [] });
          try {
            if (!(await save())) return;
            editor.getState().actions.clearRun();
            watched = null;
            starting = true;
            const { runId } = await api.call('runs.start', {
              workspace: WORKSPACE,
              workflowId,
              inputs: check.value as Record<string, unknown>,
            });
            starting = false;
            if (watched !== runId) {
              watched = runId;
              await backfill(runId);
            }
          } catch (error) {
            set({ error: errorMessage(error) });
          } finally {
            starting = false;
            set({ busy: false });
          }
        },
        async decide(nodeId, decision) {
          if (watched === null) return;
          try {
            await api.call('runs.decide', { workspace: WORKSPACE, runId: watched, nodeId, decision });
            set((s) => ({ approvals: s.approvals.filter((a) => a.nodeId !== nodeId) }));
          } catch (error) {
            set({ error: errorMessage(error) });
          }
        },
        dispose() {
          unsubscribe();
        },
      },
    };
  });
  return store;
}
