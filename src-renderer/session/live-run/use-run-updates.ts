import { useEffect, useRef } from 'react';
import type { EngineEvent } from '../../../src-shared/engine/events.ts';
import { coalesce } from './throttle.ts';
import { useApi, useLiveRuns } from '../workspace-context.ts';

export interface RunUpdateOptions {
  /** Calls at most once per this many ms (a run's events come in bursts). */
  ms?: number;
  /** Which of the run's events matter (default: all of them). */
  accept?: (event: EngineEvent) => boolean;
  /** Also update on `runs.changed` of this run (it started, waited, continued or ended). */
  onRunChanged?: boolean;
}

/**
 * Calls `onUpdate` (coalesced) as run `runId` goes on: after events reach its live view (when one is open: the window
 * follows the run), and on `runs.changed` of the run. For data hooks that re-read what they show of a live run (a
 * trace, a timeline, a comparison). Nothing is subscribed when `runId` is null or undefined; no stream is opened.
 */
export function useRunUpdates(runId: string | null | undefined, onUpdate: () => void, options: RunUpdateOptions = {}): void {
  const api = useApi();
  const liveRuns = useLiveRuns();
  const latest = useRef({ onUpdate, accept: options.accept });
  latest.current = { onUpdate, accept: options.accept };
  const { ms = 400, onRunChanged = true } = options;

  useEffect(() => {
    if (runId === null || runId === undefined) return;
    const refresh = coalesce(() => latest.current.onUpdate(), ms);
    const offEvent = liveRuns.onEvent(runId, (event) => {
      if (latest.current.accept === undefined || latest.current.accept(event)) refresh.schedule();
    });
    const offChanged = onRunChanged
      ? api.on('runs.changed', (payload) => {
          if (payload.runId === runId) refresh.schedule();
        })
      : () => undefined;
    return () => {
      refresh.cancel();
      offEvent();
      offChanged();
    };
  }, [api, liveRuns, runId, ms, onRunChanged]);
}

/** Calls `onChange` (coalesced) when any run of the workspace starts, waits, continues or ends: for lists of runs. */
export function useRunsChanged(onChange: () => void, ms = 500): void {
  const api = useApi();
  const latest = useRef(onChange);
  latest.current = onChange;
  useEffect(() => {
    const refresh = coalesce(() => latest.current(), ms);
    const off = api.on('runs.changed', () => refresh.schedule());
    return () => {
      refresh.cancel();
      off();
    };
  }, [api, ms]);
}
