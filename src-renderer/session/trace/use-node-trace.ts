import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { EngineEvent } from '../../../src-shared/engine/events.ts';
import { errorMessage } from '../api-context.ts';
import { useRunUpdates } from '../live-run/use-run-updates.ts';
import { buildNodeTrace, type NodeTrace } from './node-trace.ts';
import { useApi } from '../workspace-context.ts';

/** Events fetched per page: a Map node with thousands of items pages its trace. */
export const TRACE_PAGE = 500;

interface Loaded {
  key: string;
  events: EngineEvent[];
  /** Where the next page starts; null at the end of the log so far. */
  nextSeq: number | null;
  warnings: string[];
}

export interface NodeTraceState {
  events: readonly EngineEvent[];
  trace: NodeTrace | undefined;
  loading: boolean;
  error: string | undefined;
  warnings: readonly string[];
  /** Whether more logged events are there to load (`loadMore`). */
  more: boolean;
  loadMore: () => void;
}

/**
 * One node's trace in run `runId`, loaded on demand with `runs.trace` (only this node's events, a page at a time).
 * While the run goes on, the node's new events are fetched as they are pushed (coalesced).
 */
export function useNodeTrace(runId: string | null, nodeId: string | undefined): NodeTraceState {
  const api = useApi();
  const key = runId === null || nodeId === undefined ? '' : `${runId}\u0000${nodeId}`;
  const [loaded, setLoaded] = useState<Loaded>();
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string>();
  const current = useRef<Loaded | undefined>(undefined);
  /** Bumped when the selection changes: answers for an older selection are dropped. */
  const generation = useRef(0);
  const busy = useRef(false);
  /** A live update arrived while a page was loading: fetch again after it. */
  const again = useRef(false);

  const fetchNext = useCallback(async () => {
    if (runId === null || nodeId === undefined) return;
    if (busy.current) {
      again.current = true;
      return;
    }
    const gen = generation.current;
    const base = current.current;
    const fromSeq = base === undefined ? 0 : (base.nextSeq ?? (base.events.at(-1)?.seq ?? -1) + 1);
    busy.current = true;
    setLoading(true);
    try {
      const page = await api.call('runs.trace', { runId, nodeId, fromSeq, limit: TRACE_PAGE });
      if (gen !== generation.current) return;
      const next: Loaded = { key, events: [...(base?.events ?? []), ...page.events], nextSeq: page.nextSeq, warnings: page.warnings };
      current.current = next;
      setLoaded(next);
      setError(undefined);
    } catch (caught) {
      if (gen === generation.current) setError(errorMessage(caught));
    } finally {
      if (gen === generation.current) {
        busy.current = false;
        setLoading(false);
        if (again.current && current.current?.nextSeq === null) {
          again.current = false;
          void fetchNext();
        }
      }
    }
  }, [api, runId, nodeId, key]);

  useEffect(() => {
    generation.current++;
    current.current = undefined;
    busy.current = false;
    again.current = false;
    setLoaded(undefined);
    setError(undefined);
    void fetchNext();
  }, [fetchNext]);

  // New events of a live run: fetch what follows the last loaded event (not while a page is left to load by hand).
  useRunUpdates(
    runId,
    () => {
      const at = current.current;
      if (at === undefined || at.nextSeq === null) void fetchNext();
    },
    { accept: (event) => !('nodeId' in event) || event.nodeId === nodeId },
  );

  const shown = loaded?.key === key ? loaded : undefined;
  const events = useMemo(() => shown?.events ?? [], [shown]);
  const trace = useMemo(
    () => (nodeId === undefined || shown === undefined ? undefined : buildNodeTrace(nodeId, events)),
    [nodeId, shown, events],
  );
  return {
    events,
    trace,
    loading,
    error,
    warnings: shown?.warnings ?? [],
    more: shown?.nextSeq !== null && shown !== undefined,
    loadMore: () => void fetchNext(),
  };
}
