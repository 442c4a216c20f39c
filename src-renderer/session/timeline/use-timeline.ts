import { useCallback, useEffect, useRef, useState } from 'react';
import type { RunTimeline } from '../../../src-shared/run-log/timeline-schema.ts';
import { errorMessage } from '../api-context.ts';
import { useRunUpdates } from '../live-run/use-run-updates.ts';
import { recallTimeline } from './timeline-cache.ts';
import { useApi } from '../workspace-context.ts';

/** Past this many rows, a live run's timeline is fetched every 2 s instead of every 750 ms. */
const BIG_RUN_ROWS = 2_000;

export interface TimelineState {
  timeline: RunTimeline | undefined;
  /** When the timeline was fetched: the end of open spans of a run still going on. */
  fetchedAt: number;
  error: string | undefined;
}

/**
 * Run `runId`'s timeline (`runs.timeline`: one row per node, no events), fetched again as events of the run
 * arrive (at most every 750 ms, or 2 s for a big run). An ended run's timeline just read by `showPastRun` is reused.
 */
export function useTimeline(runId: string | null): TimelineState {
  const api = useApi();
  const [state, setState] = useState<TimelineState>({ timeline: undefined, fetchedAt: 0, error: undefined });
  const generation = useRef(0);

  const load = useCallback(async () => {
    if (runId === null) return;
    const gen = generation.current;
    try {
      const timeline = await api.call('runs.timeline', { runId });
      if (gen === generation.current) setState({ timeline, fetchedAt: Date.now(), error: undefined });
    } catch (error) {
      if (gen === generation.current) setState((s) => ({ ...s, error: errorMessage(error) }));
    }
  }, [api, runId]);

  useEffect(() => {
    generation.current++;
    // An ended run opened from history: its timeline was just read to draw the canvas.
    const recalled = runId === null ? undefined : recallTimeline(runId);
    setState({ timeline: recalled, fetchedAt: Date.now(), error: undefined });
    if (recalled === undefined) void load();
  }, [load, runId]);

  // A big run's timeline is megabytes: fetch it less often while it goes on.
  const big = (state.timeline?.rows.length ?? 0) > BIG_RUN_ROWS;
  useRunUpdates(runId, () => void load(), { ms: big ? 2_000 : 750 });
  return state;
}
