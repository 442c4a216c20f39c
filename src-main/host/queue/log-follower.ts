import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { EngineEvent } from '../../../src-shared/engine/events.ts';
import { readEventPages } from '../../services/run-log/event-pages.ts';
import { EVENTS_FILE, runDirOf } from '../../services/run-log/run-layout.ts';
import { readRun } from '../../services/run-log/run-reader.ts';
import type { Host } from '../host.ts';

/**
 * How often the serving host looks at the log of a watched run that a worker writes: how late, at most, a live event
 * reaches the editor beyond the worker's own flush. A look that finds the file unchanged (its size) reads nothing.
 */
export const FOLLOW_INTERVAL_MS = 100;

/**
 * Follows the log of a run another process writes (a worker, in queue mode) and calls `listener` with each event
 * appended from now on, in seq order, until the run finishes or the returned function is called. Queue mode's live
 * events reach the editor this way (docs/scaling.md says why the log rather than a Redis stream): the worker's
 * recorder writes the events (redacted once) to the shared data folder as it always does, and the watch's replay and
 * this follower read the same file, so a watcher sees one history whichever process ran the run.
 *
 * Starts after the run.json's `lastSeq` (events up to it are on disk, so the watch's own replay has them); an event
 * both read twice is dropped by the watch, which sends each seq once.
 */
export function followRunLog(
  runsDir: string,
  runId: string,
  listener: (event: EngineEvent) => void,
): { stop: () => void; started: Promise<void> } {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let nextSeq = 0;
  let lastSize = -1;
  const file = path.join(runDirOf(runsDir, runId), EVENTS_FILE);
  const look = async (): Promise<void> => {
    const size = (await stat(file).catch(() => undefined))?.size ?? 0;
    if (size === lastSize) return;
    lastSize = size;
    for await (const page of readEventPages(runsDir, runId, { fromSeq: nextSeq })) {
      for (const event of page) {
        if (stopped) return;
        nextSeq = event.seq + 1;
        listener(event);
        if (event.type === 'run.finished' && event.runId === runId) stopped = true;
      }
    }
  };
  const loop = (): void => {
    if (stopped) return;
    timer = setTimeout(() => {
      look().then(loop, loop); // a log being written may fail to read once; the next look tries again
    }, FOLLOW_INTERVAL_MS);
  };
  const started = readRun(runsDir, runId).then(
    (run) => {
      nextSeq = run.status === 'queued' ? 0 : run.lastSeq + 1; // a queued run has no events yet
    },
    () => undefined,
  );
  void started.then(loop);
  return {
    started,
    stop: () => {
      stopped = true;
      clearTimeout(timer);
    },
  };
}

/**
 * The host with its runs' live events also followed from their logs (queue mode's serving host: runs go on at workers).
 * Its `syncLogs` also waits until every follower has found where it starts, so a watch (which listens, syncs, then
 * replays) replays at least up to there: no event falls between the replay and the follower.
 */
export function followingLogs(host: Host): Host {
  const starting = new Set<Promise<void>>();
  return {
    ...host,
    listenToRun(runId, listener) {
      const stopLocal = host.listenToRun(runId, listener);
      const following = followRunLog(host.paths.runs, runId, listener);
      starting.add(following.started);
      void following.started.then(() => starting.delete(following.started));
      return () => {
        stopLocal();
        following.stop();
      };
    },
    async syncLogs() {
      await host.syncLogs();
      await Promise.all([...starting]);
    },
  };
}
