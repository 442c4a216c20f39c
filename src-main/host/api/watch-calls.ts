import type { EngineEvent, RunStatus } from '../../../src-shared/engine/events.ts';
import { OperonError } from '../../../src-shared/errors/operon-error.ts';
import { readEventPages } from '../../services/run-log/event-pages.ts';
import { readRun } from '../../services/run-log/run-reader.ts';
import type { Host } from '../host.ts';
import type { CallImpls } from './call-types.ts';
import type { PushOutlet } from './push-outlet.ts';
import { createRunWatch, type RunWatch } from './run-watch.ts';
import type { WatchLimits } from './watch-limits.ts';

/** What a connection's watches take from the API. */
export interface WatchDeps {
  host(workspace: string): Promise<Host>;
  /** Whether the run is going on in this server (just started, it may have no log on disk yet). */
  isRunningHere(workspace: string, runId: string): boolean;
  limits: WatchLimits;
  /** A replay that failed part way; its watch ended `fellBehind` (watching again reports the error to the caller). */
  onReplayError(error: unknown): void;
}

/** The runs one connection watches, and the calls that change them. */
export interface ConnectionWatches {
  calls: CallImpls<'runs.watch' | 'runs.unwatch'>;
  /** Ends every watch (the connection closed); later `runs.watch` calls watch nothing. */
  closeAll(): void;
}

const ENDED: ReadonlySet<RunStatus> = new Set(['succeeded', 'failed', 'cancelled']);

/**
 * `runs.watch` and `runs.unwatch` for one connection. A watch listens to the run's live events first, then has the
 * host write everything it recorded so far to disk, then reads the log from `fromSeq`: the replay and the live events
 * overlap rather than leave a gap, and the watch drops the overlap by seq. Watching a run again restarts it.
 */
export function createConnectionWatches(deps: WatchDeps, outlet: PushOutlet): ConnectionWatches {
  const watches = new Map<string, RunWatch>();
  /** The latest `runs.watch` of each run still finding its host: a later watch or an unwatch supersedes it. */
  const opening = new Map<string, object>();
  const key = (workspace: string, runId: string): string => `${workspace}/${runId}`;
  let closed = false;

  const calls: ConnectionWatches['calls'] = {
    async 'runs.watch'({ workspace, runId, fromSeq }) {
      const id = key(workspace, runId);
      const ticket = {};
      opening.set(id, ticket);
      const host = await deps.host(workspace);
      if (opening.get(id) !== ticket) return { runId }; // unwatched, or watched again, meanwhile
      opening.delete(id);
      watches.get(id)?.cancel();
      if (closed) return { runId };
      const watch = createRunWatch({
        workspace,
        runId,
        fromSeq,
        outlet,
        maxQueuedEvents: deps.limits.maxQueuedEvents,
        listen: (listener) => host.listenToRun(runId, listener),
        hasEnded: () =>
          readRun(host.paths.runs, runId).then(
            (run) => ENDED.has(run.status),
            () => false,
          ),
        onEnd: () => {
          if (watches.get(id) === watch) watches.delete(id);
        },
        onReplayError: (error) => deps.onReplayError(error),
      });
      watches.set(id, watch);
      try {
        await host.syncLogs();
        const pages = readEventPages(host.paths.runs, runId, { fromSeq, pageEvents: deps.limits.replayPageEvents });
        let first: IteratorResult<EngineEvent[]>;
        try {
          first = await pages.next();
        } catch (error) {
          if (!(isRunNotFound(error) && deps.isRunningHere(workspace, runId))) throw error;
          first = { done: true, value: undefined };
        }
        watch.start(first, pages);
      } catch (error) {
        watch.cancel();
        throw error;
      }
      return { runId };
    },
    async 'runs.unwatch'({ workspace, runId }) {
      const id = key(workspace, runId);
      const pending = opening.delete(id);
      const watch = watches.get(id);
      watch?.cancel();
      return Promise.resolve({ watching: watch !== undefined || pending });
    },
  };

  return {
    calls,
    closeAll() {
      closed = true;
      opening.clear();
      for (const watch of [...watches.values()]) watch.cancel();
    },
  };
}

function isRunNotFound(error: unknown): boolean {
  return error instanceof OperonError && error.code === 'OPR-150';
}
