import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ApiClient } from '../../src-shared/api/client.ts';
import type { Pin } from '../../src-shared/api/debug-schemas.ts';
import type { EngineEvent } from '../../src-shared/engine/events.ts';
import type { EditorStore } from '../editor/store/index.ts';
import { parseJson } from '../editor/forms/index.ts';
import { errorMessage, WORKSPACE } from './api-context.ts';
import { breakpointStore, selectBreakpoints, type BreakpointStore } from './debug/breakpoint-store.ts';
import { editHeldInputs, overrideOf, type HeldNode } from './debug/held-node.ts';
import { createPinActions, type PinActions } from './debug/pin-actions.ts';
import { pastRunFor, startInput, type RunStartOptions } from './debug/start-request.ts';
import { useDockStore } from './dock/dock-store.ts';
import { watchedRunChanges, type WatchedRunState } from './run-session-events.ts';

export type { PendingApproval } from './run-session-events.ts';
export type { RunStartOptions } from './debug/start-request.ts';

/** What the server answered about a partial run (run from / to a node). */
export interface PartialRunAnswer {
  /** Nodes that take the past run's outputs. */
  reused: readonly string[];
  /** Nodes that run again anyway, and why. */
  rerun: readonly { nodeId: string; reason: string }[];
  fromRunId: string | undefined;
}

export interface RunSessionState extends WatchedRunState {
  /** The run inputs as typed (a JSON object). */
  inputs: string;
  inputsError: string | undefined;
  /** The run this session watches (started here), if any. */
  runId: string | null;
  /** The last partial run's reuse plan. */
  partial: PartialRunAnswer | undefined;
  /** The workflow's pinned outputs, by node id. */
  pins: Readonly<Record<string, Pin>>;
  busy: boolean;
  actions: PinActions & {
    setInputs: (text: string) => void;
    /** Saves, then starts a run of the saved workflow (debug, from or to a node, as asked) and watches its events. */
    start: (options?: RunStartOptions) => Promise<void>;
    decide: (nodeId: string, decision: 'approved' | 'rejected') => Promise<void>;
    /** Edits the held node's inputs (sent with the next Step or Continue as a manual override when changed). */
    setHeldInputs: (text: string) => void;
    /** Lets a paused debug run go on: `step` pauses again before the next node, `continue` runs to a breakpoint. */
    resume: (action: 'step' | 'continue') => Promise<void>;
    cancel: () => Promise<void>;
    /**
     * Watches a run that is going on (opened from history, after a reload, say): its log so far, then its pushed events,
     * so its pauses, approvals and outputs show here and Step, Continue, Cancel and Approve work on it.
     */
    attach: (runId: string) => Promise<void>;
    /** Stops listening to run events and breakpoint changes. */
    dispose: () => void;
  };
}

export type RunSessionStore = StoreApi<RunSessionState>;

export interface RunSessionOptions {
  api: ApiClient;
  editor: EditorStore;
  workflowId: string;
  save: () => Promise<boolean>;
  /** Where the editor keeps breakpoints; default the browser's. */
  breakpoints?: BreakpointStore;
  /** Told when the watched run pauses; default shows the Run tab. */
  onPause?: (held: HeldNode) => void;
}

/** Starts runs of the open workflow and feeds their pushed events to the editor store (statuses) and to itself (outputs, approvals, pauses). */
export function createRunSession(options: RunSessionOptions): RunSessionStore {
  const { api, editor, workflowId, save, breakpoints = breakpointStore } = options;
  const onPause = options.onPause ?? (() => useDockStore.getState().showBottom('run'));
  let watched: string | null = null;
  let starting = false;
  breakpoints.getState().actions.load(workflowId);

  const store = createStore<RunSessionState>()((set, get) => {
    /** The seq of the last event applied, by run id (a child run's events number their own). */
    const applied = new Map<string, number>();
    /** Pushed events of the watched run that arrive while `backfill` reads its log (applied after it). */
    let buffer: EngineEvent[] | null = null;

    const apply = (runId: string, event: EngineEvent) => {
      if (event.seq <= (applied.get(event.runId) ?? -1)) return; // both pushed and read from the log
      applied.set(event.runId, event.seq);
      editor.getState().actions.applyRunEvent(event);
      if (event.runId !== runId) return; // a child run's event: statuses only
      const changes = watchedRunChanges(get(), event);
      if (changes === undefined) return;
      set(changes);
      if (event.type === 'node.paused' && changes.held !== undefined) onPause(changes.held);
    };

    const handle = (runId: string, event: EngineEvent) => {
      if (watched === null && starting && event.type === 'run.started' && event.parent === undefined && event.workflowId === workflowId) {
        watched = runId;
        set({ runId });
      }
      if (runId !== watched) return;
      if (buffer === null) apply(runId, event);
      else buffer.push(event);
    };

    const unsubscribe = api.on('run.event', (payload) => {
      if (payload.workspace === WORKSPACE) handle(payload.runId, payload.event);
    });

    /** Events logged before this window watched the run (they may arrive before `runs.start` answers). */
    const backfill = async (runId: string) => {
      let fromSeq: number | null = 0;
      editor.getState().actions.clearRun();
      set({ approvals: [], held: undefined });
      applied.clear();
      // A pushed event may be newer than the page read at the same time: hold it until the log is read.
      const pushed: EngineEvent[] = [];
      buffer = pushed;
      try {
        while (fromSeq !== null) {
          const page: { events: EngineEvent[]; nextSeq: number | null } = await api.call('runs.events', {
            workspace: WORKSPACE,
            runId,
            fromSeq,
          });
          if (watched !== runId) return;
          for (const event of page.events) apply(runId, event);
          fromSeq = page.nextSeq;
        }
      } finally {
        if (buffer === pushed) buffer = null;
        // Pushed in seq order (one ordered socket); those the log already had are skipped.
        if (watched === runId) for (const event of pushed) apply(runId, event);
      }
    };

    /** The watched run when it is a live debug run: nobody else would let it go on from a pause. */
    const liveDebugRun = () => (get().live && get().debug ? watched : null);

    /** The workflow's breakpoints on nodes it still has. */
    const currentBreakpoints = () => {
      const ids = new Set(editor.getState().graph.nodes.map((node) => node.id));
      return breakpoints
        .getState()
        .actions.load(workflowId)
        .filter((id) => ids.has(id));
    };

    const pinActions = createPinActions({
      api,
      workflowId,
      getPins: () => get().pins,
      setPins: (pins) => set({ pins }),
      setError: (error) => set({ error }),
    });

    return {
      inputs: '{}',
      inputsError: undefined,
      runId: null,
      outputs: undefined,
      approvals: [],
      error: undefined,
      live: false,
      debug: false,
      held: undefined,
      partial: undefined,
      pins: {},
      busy: false,
      actions: {
        ...pinActions,
        setInputs(text) {
          const check = parseJson(text);
          const inputsError = !check.ok
            ? check.message
            : typeof check.value !== 'object' || check.value === null || Array.isArray(check.value)
              ? 'inputs are a JSON object'
              : undefined;
          set({ inputs: text, inputsError });
        },
        async start(startOptions = {}) {
          const check = parseJson(get().inputs);
          if (!check.ok || typeof check.value !== 'object' || check.value === null || Array.isArray(check.value)) {
            set({ inputsError: check.ok ? 'inputs are a JSON object' : check.message });
            return;
          }
          // A debug run of this window would wait on the server forever at its next pause once nobody watches it.
          const abandoned = liveDebugRun();
          set({ busy: true, error: undefined, outputs: undefined, approvals: [], held: undefined, partial: undefined });
          try {
            if (!(await save())) return;
            if (abandoned !== null) await api.call('runs.cancel', { workspace: WORKSPACE, runId: abandoned });
            const fromRunId =
              startOptions.from === undefined
                ? undefined
                : await pastRunFor(api, workflowId, startOptions.fromRunId, editor.getState().run.runId);
            editor.getState().actions.clearRun();
            watched = null;
            buffer = null;
            applied.clear();
            starting = true;
            set({ runId: null, live: false, debug: false });
            const answer = await api.call(
              'runs.start',
              startInput({
                workflowId,
                inputs: check.value as Record<string, unknown>,
                options: startOptions,
                breakpoints: currentBreakpoints(),
                fromRunId,
              }),
            );
            starting = false;
            if (startOptions.from !== undefined || startOptions.to !== undefined) {
              set({ partial: { reused: answer.reused ?? [], rerun: answer.rerun ?? [], fromRunId } });
            }
            if (watched !== answer.runId) {
              watched = answer.runId;
              set({ runId: answer.runId });
              await backfill(answer.runId);
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
        setHeldInputs(text) {
          const held = get().held;
          if (held !== undefined) set({ held: editHeldInputs(held, text) });
        },
        async resume(action) {
          const held = get().held;
          if (watched === null || held === undefined) return;
          const override = overrideOf(held);
          if (override === undefined) return; // the edited inputs are not a JSON object: the field says why
          // Cleared first: when stepping, the next pause may be pushed before this call answers.
          set({ held: undefined, error: undefined });
          try {
            await api.call('runs.resume', { workspace: WORKSPACE, runId: watched, action, ...override });
          } catch (error) {
            set((s) => ({ error: errorMessage(error), held: s.held ?? held }));
          }
        },
        async attach(runId) {
          if (watched === runId) return;
          watched = runId;
          set({ runId, live: false, debug: false, held: undefined, outputs: undefined, partial: undefined, error: undefined });
          try {
            await backfill(runId);
          } catch (error) {
            set({ error: errorMessage(error) });
          }
        },
        async cancel() {
          if (watched === null) return;
          try {
            const { cancelled } = await api.call('runs.cancel', { workspace: WORKSPACE, runId: watched });
            if (!cancelled) set({ error: 'the run is not running here (it may have finished)' });
          } catch (error) {
            set({ error: errorMessage(error) });
          }
        },
        dispose() {
          unsubscribe();
          unwatchBreakpoints();
          const abandoned = liveDebugRun();
          if (abandoned !== null) void api.call('runs.cancel', { workspace: WORKSPACE, runId: abandoned }).catch(() => undefined);
        },
      },
    };
  });

  /** A live debug run follows breakpoint changes from the next node that starts. */
  const unwatchBreakpoints = breakpoints.subscribe((state, previous) => {
    const now = selectBreakpoints(workflowId)(state);
    if (now === selectBreakpoints(workflowId)(previous)) return;
    const { runId, live, debug } = store.getState();
    if (runId === null || !live || !debug) return;
    api.call('runs.breakpoints', { workspace: WORKSPACE, runId, breakpoints: [...now] }).catch((error: unknown) => {
      if (store.getState().live) store.setState({ error: errorMessage(error) });
    });
  });

  void store.getState().actions.loadPins();
  return store;
}
