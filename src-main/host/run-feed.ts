import type { EngineEvent } from '../../src-shared/engine/events.ts';

/** Receives one run's recorded events, in seq order. */
export type RunFeedListener = (event: EngineEvent) => void;

/**
 * A workspace's live run events, by run id: the run recorder publishes each event as it records it (redacted once, large
 * values inline: see run-recorder.ts `onRecorded`), and readers of a run (the API's watches) listen to that run only. A
 * sub-workflow's run has its own id, so its events reach its own listeners, not its parent's.
 */
export interface RunFeed {
  /** Hands a recorded event to the listeners of its run (`event.runId`). A listener that throws does not stop the others. */
  publish(event: EngineEvent): void;
  /** Calls `listener` with every event of the run published from now on; returns the function that stops it. */
  listen(runId: string, listener: RunFeedListener): () => void;
}

/** An empty feed: publishing a run nobody listens to costs one map lookup. */
export function createRunFeed(onListenerError?: (error: unknown) => void): RunFeed {
  const listeners = new Map<string, Set<RunFeedListener>>();
  return {
    publish(event) {
      const set = listeners.get(event.runId);
      if (set === undefined) return;
      for (const listener of set) {
        try {
          listener(event);
        } catch (error) {
          onListenerError?.(error);
        }
      }
    },
    listen(runId, listener) {
      let set = listeners.get(runId);
      if (set === undefined) listeners.set(runId, (set = new Set()));
      set.add(listener);
      return () => {
        set.delete(listener);
        if (set.size === 0 && listeners.get(runId) === set) listeners.delete(runId);
      };
    },
  };
}
