import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Decision } from '../../../src-shared/nodes/decision.ts';
import type { Pin } from '../../../src-shared/api/debug-schemas.ts';
import type { EditorStore } from '../editor-store/index.ts';
import { parseJson } from '../../editor/forms/index.ts';
import { initialRunInputs } from '../../editor/forms/run-input-fields.ts';
import { errorMessage, type WorkspaceApi } from '../api-context.ts';
import { selectBreakpoints, type BreakpointStore } from '../debug/breakpoint-store.ts';
import { editHeldInputs, overrideOf, type HeldNode } from '../debug/held-node.ts';
import { createPinActions, type PinActions } from '../debug/pin-actions.ts';
import { pastRunFor, startInput, type RunStartOptions } from '../debug/start-request.ts';
import type { LiveRunLease, LiveRunState, LiveRuns } from '../live-run/live-runs.ts';
import { EMPTY_WATCHED_RUN, WATCHED_KEYS, type WatchedRunState } from '../live-run/live-run-state.ts';

export type { PendingApproval } from '../live-run/live-run-state.ts';
export type { RunStartOptions } from '../debug/start-request.ts';

/** What the server answered about a partial run (run from / to a node). */
export interface PartialRunAnswer {
  /** Nodes that take the past run's outputs. */
  reused: readonly string[];
  /** Nodes that run again anyway, and why. */
  rerun: readonly { nodeId: string; reason: string }[];
  fromRunId: string | undefined;
}

export interface RunSessionState extends WatchedRunState {
  /**
   * The run inputs (a JSON object's text): what the Run form shows and Run sends, the one source of run inputs. It
   * starts with the declared inputs' defaults (or, in files from before the Run form, the manual trigger's sample).
   */
  inputs: string;
  /** Why Run cannot send them: not a JSON object, or the Run form's problem (a required input left empty). */
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
    /** The Run form's values (replaces the inputs). */
    setInputValues: (values: Record<string, unknown>) => void;
    /** The Run form's problem with the values (undefined: none); Run waits until it is fixed. */
    setInputsProblem: (problem: string | undefined) => void;
    /** Saves, then starts a run of the saved workflow (debug, from or to a node, as asked) and watches its events. */
    start: (options?: RunStartOptions) => Promise<void>;
    decide: (nodeId: string, decision: Decision['decision']) => Promise<void>;
    /** Edits the held node's inputs (sent with the next Step or Continue as a manual override when changed). */
    setHeldInputs: (text: string) => void;
    /** Lets a paused debug run go on: `step` pauses again before the next node, `continue` runs to a breakpoint. */
    resume: (action: 'step' | 'continue') => Promise<void>;
    cancel: () => Promise<void>;
    /**
     * Continues the watched run when it was interrupted (its process went away: the engine restarted). Finished nodes
     * are not run again; its new events reach this session through the run's live view, which still watches it.
     */
    continueInterrupted: () => Promise<void>;
    /**
     * Follows a run that is going on (opened from history, after a reload, say) through its live view: its log so far,
     * then its live events, so its pauses, approvals and outputs show here and Step, Continue, Cancel and Approve work.
     */
    attach: (runId: string) => Promise<void>;
    /** Stops following the run and listening to breakpoint changes. */
    dispose: () => void;
  };
}

export type RunSessionStore = StoreApi<RunSessionState>;

export interface RunSessionOptions {
  api: WorkspaceApi;
  /** The workspace's live runs: the session follows its run through one of their views. */
  liveRuns: LiveRuns;
  editor: EditorStore;
  workflowId: string;
  save: () => Promise<boolean>;
  /** Where the editor keeps breakpoints (the workspace session's). */
  breakpoints: BreakpointStore;
  /** Told when the watched run pauses (the app shows the Run tab). */
  onPause: (held: HeldNode) => void;
}

/** Starts runs of the open workflow and follows the run it watches through its live view: statuses to the editor store, outputs, approvals and pauses to itself. */
export function createRunSession(options: RunSessionOptions): RunSessionStore {
  const { api, liveRuns, editor, workflowId, save, breakpoints, onPause } = options;
  let watched: string | null = null;
  breakpoints.getState().actions.load(workflowId);

  const store = createStore<RunSessionState>()((set, get) => {
    /** The live view of the watched run, and how to stop following it. */
    let following: { lease: LiveRunLease; unsubscribe: () => void } | undefined;

    const unfollow = (): void => {
      following?.unsubscribe();
      following?.lease.release();
      following = undefined;
    };

    /**
     * Follows a run through its live view (the one road a run reaches the screen by): the editor store draws the view's
     * statuses, and this session takes its outputs, approvals, pause and error when they change. What a person does
     * here (an edited held input, an approval just decided) stays until the run itself changes that part.
     */
    const follow = (runId: string): void => {
      unfollow();
      watched = runId;
      const lease = liveRuns.open(runId);
      const sync = (view: LiveRunState, previous: LiveRunState | undefined): void => {
        // The canvas draws this run from the start; once a person opens another run there, it stays on that one.
        const onCanvas = previous === undefined || editor.getState().run.runId === view.runId;
        if (view.run !== previous?.run && onCanvas) editor.getState().actions.showRun(view.run);
        const changes: Partial<RunSessionState> = {};
        for (const key of WATCHED_KEYS) {
          if (previous === undefined || view[key] !== previous[key]) Object.assign(changes, { [key]: view[key] });
        }
        if (view.watchError !== undefined && view.watchError !== previous?.watchError) changes.error = view.watchError;
        if (Object.keys(changes).length > 0) set(changes);
        if (view.held !== undefined && view.held !== previous?.held) onPause(view.held);
      };
      sync(lease.view.getState(), undefined);
      following = { lease, unsubscribe: lease.view.subscribe(sync) };
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
      inputs: JSON.stringify(initialRunInputs(editor.getState().graph), null, 2),
      inputsError: undefined,
      runId: null,
      ...EMPTY_WATCHED_RUN,
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
        setInputValues(values) {
          set({ inputs: JSON.stringify(values, null, 2), inputsError: undefined });
        },
        setInputsProblem(problem) {
          if (get().inputsError !== problem) set({ inputsError: problem });
        },
        async start(startOptions = {}) {
          const check = parseJson(get().inputs);
          if (!check.ok || typeof check.value !== 'object' || check.value === null || Array.isArray(check.value)) {
            set({ inputsError: check.ok ? 'inputs are a JSON object' : check.message });
            return;
          }
          const problem = get().inputsError;
          if (problem !== undefined) {
            set({ error: `Fix the run inputs first: ${problem}` });
            return;
          }
          // A debug run of this window would wait on the server forever at its next pause once nobody watches it.
          const abandoned = liveDebugRun();
          set({ busy: true, error: undefined, outputs: undefined, approvals: [], held: undefined, partial: undefined });
          try {
            if (!(await save())) return;
            if (abandoned !== null) await api.call('runs.cancel', { runId: abandoned });
            const fromRunId =
              startOptions.from === undefined
                ? undefined
                : await pastRunFor(api, workflowId, startOptions.fromRunId, editor.getState().run.runId);
            editor.getState().actions.clearRun();
            unfollow();
            watched = null;
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
            if (startOptions.from !== undefined || startOptions.to !== undefined) {
              set({ partial: { reused: answer.reused ?? [], rerun: answer.rerun ?? [], fromRunId } });
            }
            set({ runId: answer.runId });
            follow(answer.runId);
          } catch (error) {
            set({ error: errorMessage(error) });
          } finally {
            set({ busy: false });
          }
        },
        async decide(nodeId, decision) {
          if (watched === null) return;
          try {
            await api.call('runs.decide', { runId: watched, nodeId, decision });
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
            await api.call('runs.resume', { runId: watched, action, ...override });
          } catch (error) {
            set((s) => ({ error: errorMessage(error), held: s.held ?? held }));
          }
        },
        attach(runId) {
          if (watched === runId) return Promise.resolve();
          set({ runId, live: false, debug: false, held: undefined, outputs: undefined, partial: undefined, error: undefined });
          follow(runId);
          return Promise.resolve();
        },
        async cancel() {
          if (watched === null) return;
          try {
            const { cancelled } = await api.call('runs.cancel', { runId: watched });
            if (!cancelled) set({ error: 'the run is not running here (it may have finished)' });
          } catch (error) {
            set({ error: errorMessage(error) });
          }
        },
        async continueInterrupted() {
          if (watched === null || !get().interrupted) return;
          set({ busy: true, error: undefined });
          try {
            await api.call('runs.continueInterrupted', { runId: watched });
          } catch (error) {
            set({ error: errorMessage(error) });
          } finally {
            set({ busy: false });
          }
        },
        dispose() {
          unfollow();
          unwatchBreakpoints();
          const abandoned = liveDebugRun();
          if (abandoned !== null) void api.call('runs.cancel', { runId: abandoned }).catch(() => undefined);
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
    api.call('runs.breakpoints', { runId, breakpoints: [...now] }).catch((error: unknown) => {
      if (store.getState().live) store.setState({ error: errorMessage(error) });
    });
  });

  void store.getState().actions.loadPins();
  return store;
}
