import { useEffect, useRef } from 'react';
import type { EngineEvent } from '../../../src-shared/engine/events.ts';
import { useApi, WORKSPACE } from '../api-context.ts';
import { coalesce } from './throttle.ts';

export interface RunUpdateOptions {
  /** Calls at most once per this many ms (pushed events come in bursts). */
  ms?: number;
  /** Which of the run's events matter (default: all of them). */
  accept?: (event: EngineEvent) => boolean;
  /** Also update on `runs.changed` of this run (it started, waited, continued or ended). */
  onRunChanged?: boolean;
}

/**
 * Calls `onUpdate` (coalesced) when pushed events of run `runId` arrive: for panels showing a live run. Nothing is
 * subscribed when `runId` is null or undefined.
 */
export function useRunUpdates(runId: string | null | undefined, onUpdate: () => void, options: RunUpdateOptions = {}): void {
  const api = useApi();
  const latest = useRef({ onUpdate, accept: options.accept });
  latest.current = { onUpdate, accept: options.accept };
  const { ms = 400, onRunChanged = true } = options;

  useEffect(() => {
    if (runId === null || runId === undefined) return;
    const refresh = coalesce(() => latest.current.onUpdate(), ms);
    const offEvent = api.on('run.event', ({ workspace, event }) => {
      if (workspace !== WORKSPACE || event.runId !== runId) return;
      if (latest.current.accept === undefined || latest.current.accept(event)) refresh.schedule();
    });
    const offChanged = onRunChanged
      ? api.on('runs.changed', (payload) => {
          if (payload.workspace === WORKSPACE && payload.runId === runId) refresh.schedule();
        })
      : () => undefined;
    return () => {
      refresh.cancel();
      offEvent();
      offChanged();
    };
  }, [api, runId, ms, onRunChanged]);
}

/** Calls `onChange` (coalesced) when any run of the workspace starts, waits, continues or ends: for lists of runs. */
export function useRunsChanged(onChange: () => void, ms = 500): void {
  const api = useApi();
  const latest = useRef(onChange);
  latest.current = onChange;
  useEffect(() => {
    const refresh = coalesce(() => latest.current(), ms);
    const off = api.on('runs.changed', (payload) => {
      if (payload.workspace === WORKSPACE) refresh.schedule();
    });
    return () => {
      refresh.cancel();
      off();
    };
  }, [api, ms]);
}
