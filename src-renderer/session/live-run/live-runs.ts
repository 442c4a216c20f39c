import { createStore, type StoreApi } from 'zustand/vanilla';
import type { EngineEvent } from '../../../src-shared/engine/events.ts';
import type { RunSlice } from '../../editor/store/index.ts';
import { applyRunEvent } from '../../editor/store/run-events.ts';
import { errorMessage, type WorkspaceApi } from '../api-context.ts';
import { EMPTY_WATCHED_RUN, watchedRunChanges, type WatchedRunState } from './live-run-state.ts';

/** What every panel reads of a run being watched: its statuses, approvals, pause, outputs and where its stream is. */
export interface LiveRunState extends WatchedRunState {
  runId: string;
  /** Every node's status, as the canvas draws it. */
  run: RunSlice;
  /** The seq of the last event applied; -1 before the first. */
  lastSeq: number;
  /** The server said the run finished: no more events come. */
  ended: boolean;
  /** Why the run cannot be watched (an unknown run, a lost connection): the view stays as it was. */
  watchError: string | undefined;
}

export type LiveRunView = StoreApi<LiveRunState>;

/** A live view held open; `release` when done with it (the last release stops the server's stream). */
export interface LiveRunLease {
  view: LiveRunView;
  release: () => void;
}

/**
 * The workspace's live runs: one view per run, fed by one server stream (`runs.watch`), whoever reads it. The server
 * replays the run's log and then streams its live events, each once and in order; a view applies them, watches again
 * from its next seq when the server says it fell behind or the connection comes back, and ignores an event it has.
 */
export interface LiveRuns {
  /** Opens the live view of a run (or shares the one open): the run's log is replayed into it, then its live events. */
  open(runId: string): LiveRunLease;
  /** The view of a run if one is open. */
  peek(runId: string): LiveRunView | undefined;
  /**
   * Calls `listener` after each event applied to the view of `runId`, whenever one is open (now or later): for panels
   * that re-read derived data (a trace, a timeline) as a run goes on. Never opens a view itself.
   */
  onEvent(runId: string, listener: (event: EngineEvent) => void): () => void;
  /**
   * Watches every open view again from its next seq: after the connection came back (its streams died with it). A run
   * whose process went away meanwhile shows as interrupted (`interrupted`, no longer `live`).
   */
  rewatch(): void;
  /** Stops every stream. */
  dispose(): void;
}

interface Entry {
  view: LiveRunView;
  leases: number;
}

export function createLiveRuns(api: WorkspaceApi): LiveRuns {
  const entries = new Map<string, Entry>();
  const listeners = new Map<string, Set<(event: EngineEvent) => void>>();

  /**
   * After the connection came back, a run still going on may have lost its process (the desktop app's engine host
   * restarted): nothing in its log says so, and it would show running forever. Its run.json says so: status running,
   * interrupted. Asked again if events arrived meanwhile (a continue made elsewhere), so the answer is never stale.
   */
  const checkInterrupted = (runId: string, entry: Entry): void => {
    const seq = entry.view.getState().lastSeq;
    api.call('runs.get', { runId }).then(
      ({ run }) => {
        if (entries.get(runId) !== entry) return;
        const state = entry.view.getState();
        if (state.lastSeq !== seq) checkInterrupted(runId, entry);
        else if (run.interrupted && !state.ended)
          entry.view.setState({ interrupted: true, live: false, held: undefined, run: { ...state.run, interrupted: true } });
      },
      () => undefined, // the watch's own error says what went wrong
    );
  };

  const watch = (runId: string, entry: Entry, again = false): void => {
    const fromSeq = entry.view.getState().lastSeq + 1;
    api.call('runs.watch', { runId, fromSeq }).then(
      () => {
        if (entries.get(runId) !== entry) return;
        entry.view.setState({ watchError: undefined });
        if (again) checkInterrupted(runId, entry);
      },
      (error: unknown) => {
        if (entries.get(runId) === entry) entry.view.setState({ watchError: errorMessage(error) });
      },
    );
  };

  const apply = (runId: string, event: EngineEvent): void => {
    const entry = entries.get(runId);
    if (entry === undefined) return;
    const state = entry.view.getState();
    if (event.seq <= state.lastSeq) return; // sent again after a re-watch
    const run = applyRunEvent(state.run, event);
    entry.view.setState({
      lastSeq: event.seq,
      // An event of the run: it is going on again (continued), whatever stopped it before.
      run: run.interrupted === true ? { ...run, interrupted: false } : run,
      ...watchedRunChanges(state, event),
    });
    for (const listener of listeners.get(runId) ?? []) listener(event);
  };

  const offEvent = api.on('run.event', ({ runId, event }) => {
    // Only the run's own events: a sub-workflow's run is a run of its own.
    if (event.runId === runId) apply(runId, event);
  });
  const offEnded = api.on('run.watchEnded', ({ runId, reason }) => {
    const entry = entries.get(runId);
    if (entry === undefined) return;
    if (reason === 'finished') entry.view.setState({ ended: true });
    else watch(runId, entry); // fell behind: from the next seq, nothing lost
  });

  return {
    open(runId) {
      let entry = entries.get(runId);
      if (entry === undefined) {
        entry = { view: createStore<LiveRunState>()(() => initialState(runId)), leases: 0 };
        entries.set(runId, entry);
        watch(runId, entry);
      }
      entry.leases++;
      const opened = entry;
      let released = false;
      return {
        view: opened.view,
        release() {
          if (released) return;
          released = true;
          opened.leases--;
          if (opened.leases > 0 || entries.get(runId) !== opened) return;
          entries.delete(runId);
          if (!opened.view.getState().ended) api.call('runs.unwatch', { runId }).catch(() => undefined);
        },
      };
    },
    peek: (runId) => entries.get(runId)?.view,
    onEvent(runId, listener) {
      let set = listeners.get(runId);
      if (set === undefined) listeners.set(runId, (set = new Set()));
      set.add(listener);
      return () => {
        set.delete(listener);
        if (set.size === 0 && listeners.get(runId) === set) listeners.delete(runId);
      };
    },
    rewatch() {
      for (const [runId, entry] of entries) if (!entry.view.getState().ended) watch(runId, entry, true);
    },
    dispose() {
      offEvent();
      offEnded();
      for (const [runId, entry] of entries) {
        if (!entry.view.getState().ended) api.call('runs.unwatch', { runId }).catch(() => undefined);
      }
      entries.clear();
      listeners.clear();
    },
  };
}

function initialState(runId: string): LiveRunState {
  return {
    runId,
    run: { runId, status: 'running', source: 'live', nodes: {} },
    lastSeq: -1,
    ended: false,
    watchError: undefined,
    ...EMPTY_WATCHED_RUN,
  };
}
