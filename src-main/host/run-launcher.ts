import type { EventPayload } from '../../src-shared/api/contract.ts';
import type { RunHandle, RunResult } from '../../src-shared/engine/api.ts';
import type { DebugSession } from '../../src-shared/engine/modes/debug-session.ts';
import type { EngineEvent } from '../../src-shared/engine/events.ts';
import type { DecideOptions, Host, StartOptions } from './host.ts';

/** A run of this server that ended (succeeded, failed, cancelled, or waiting for a decision), once its logs are flushed. */
export interface EndedRun {
  workspace: string;
  workflowId: string;
  runId: string;
  result: RunResult;
}

export interface RunLauncherDeps {
  host: (workspace: string) => Promise<Host>;
  /** Tells every client that a run started, continued, waited or ended (`runs.changed`). */
  runsChanged: (payload: EventPayload<'runs.changed'>) => void;
}

/**
 * How this server starts, decides and continues runs, and the runs it has going: every run the API starts (`runs.start`,
 * `runs.decide`, `runs.continueInterrupted`) and every run a trigger starts goes through here, so each is announced with
 * `runs.changed`, cancellable (`runs.cancel`, and on close), and watchable from its live feed. Issue 17's queue replaces
 * how a run starts (a worker), behind these same calls.
 */
export interface RunLauncher {
  start(workspace: string, workflowId: string, options: Omit<StartOptions, 'onEvent'> & { debug?: DebugSession }): Promise<RunHandle>;
  decide(workspace: string, workflowId: string, options: Omit<DecideOptions, 'onEvent'>): Promise<RunHandle>;
  /** Continues an interrupted run (see Host.resumeInterrupted); `by` is who continues it (default: the local user). */
  resume(workspace: string, workflowId: string, runId: string, by?: string): Promise<RunHandle>;
  /** The debug session of a debug run going on here, until it ends. */
  debugSession(workspace: string, runId: string): DebugSession | undefined;
  /** Resolves once the logs of a run going here hold every event recorded so far (at once for other runs). */
  logged(workspace: string, runId: string): Promise<void>;
  /** Like {@link logged}, for every run going on in the workspace. */
  allLogged(workspace: string): Promise<void>;
  /** Whether the run is going on here (started, decided or continued here, and not yet ended or waiting). */
  isRunning(workspace: string, runId: string): boolean;
  /** Cancels a run going on here; false when it is not. */
  cancel(workspace: string, runId: string, reason: string): boolean;
  /** Cancels every run still going here and waits for their logs to flush. */
  cancelAll(reason: string): Promise<void>;
  /** Resolves once every run going here has ended (or at once when none is). */
  idle(): Promise<void>;
  /** How many runs are going on here. */
  going(): number;
  /** Calls `listener` for every run of this server that ends, after `runs.changed`; returns the function that stops it. */
  onEnded(listener: (ended: EndedRun) => void): () => void;
}

export function createRunLauncher(deps: RunLauncherDeps): RunLauncher {
  const active = new Map<string, RunHandle>();
  const debugSessions = new Map<string, DebugSession>();
  const endListeners = new Set<(ended: EndedRun) => void>();
  const key = (workspace: string, runId: string) => `${workspace}/${runId}`;

  /**
   * Says when a run starts or continues. Its events reach its watchers through the host's run feed; its end (or wait)
   * is announced by {@link track}, once the logs are flushed, so `runs.get` after `runs.changed` sees the new state.
   */
  const announcer = (workspace: string, workflowId: string) => {
    let topRunId: string | undefined;
    return (event: EngineEvent): void => {
      topRunId ??= event.runId;
      if (event.runId === topRunId && (event.type === 'run.started' || event.type === 'run.resumed'))
        deps.runsChanged({ workspace, runId: topRunId, workflowId, status: 'running' });
    };
  };
  const track = (workspace: string, workflowId: string, handle: RunHandle, debug?: DebugSession): RunHandle => {
    const id = key(workspace, handle.runId);
    active.set(id, handle);
    if (debug !== undefined) debugSessions.set(id, debug);
    const forget = (): void => {
      active.delete(id);
      debugSessions.delete(id);
    };
    void handle.result.then((result) => {
      forget();
      deps.runsChanged({ workspace, runId: handle.runId, workflowId, status: result.status });
      for (const listener of [...endListeners]) listener({ workspace, workflowId, runId: handle.runId, result });
    }, forget);
    return handle;
  };

  return {
    async start(workspace, workflowId, options) {
      const host = await deps.host(workspace);
      const handle = await host.startRun({ ...options, onEvent: announcer(workspace, workflowId) });
      return track(workspace, workflowId, handle, options.debug);
    },
    async decide(workspace, workflowId, options) {
      const host = await deps.host(workspace);
      return track(workspace, workflowId, await host.decide({ ...options, onEvent: announcer(workspace, workflowId) }));
    },
    async resume(workspace, workflowId, runId, by) {
      const host = await deps.host(workspace);
      const resumed = await host.resumeInterrupted({
        runId,
        ...(by === undefined ? {} : { by }),
        onEvent: announcer(workspace, workflowId),
      });
      return track(workspace, workflowId, resumed);
    },
    debugSession: (workspace, runId) => debugSessions.get(key(workspace, runId)),
    async logged(workspace, runId) {
      if (active.has(key(workspace, runId))) await (await deps.host(workspace)).syncLogs();
    },
    async allLogged(workspace) {
      if ([...active.keys()].some((id) => id.startsWith(`${workspace}/`))) await (await deps.host(workspace)).syncLogs();
    },
    isRunning: (workspace, runId) => active.has(key(workspace, runId)),
    cancel(workspace, runId, reason) {
      const handle = active.get(key(workspace, runId));
      handle?.cancel(reason);
      return handle !== undefined;
    },
    async cancelAll(reason) {
      const handles = [...active.values()];
      for (const handle of handles) handle.cancel(reason);
      await Promise.allSettled(handles.map((handle) => handle.result));
    },
    async idle() {
      while (active.size > 0) await Promise.allSettled([...active.values()].map((handle) => handle.result));
    },
    going: () => active.size,
    onEnded(listener) {
      endListeners.add(listener);
      return () => endListeners.delete(listener);
    },
  };
}
