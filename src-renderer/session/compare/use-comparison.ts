import { useCallback, useEffect, useRef, useState } from 'react';
import type { CallOutput } from '../../../src-shared/api/contract.ts';
import { errorMessage } from '../api-context.ts';
import { useRunUpdates } from '../live-run/use-run-updates.ts';
import { useApi } from '../workspace-context.ts';

export interface Comparison {
  result: CallOutput<'runs.compare'> | undefined;
  error: string | undefined;
}

/** `runs.compare` of runs A and B, again when either (still going on) logs more. */
export function useComparison(a: string | undefined, b: string | undefined): Comparison {
  const api = useApi();
  const [state, setState] = useState<Comparison>({ result: undefined, error: undefined });
  const generation = useRef(0);

  const load = useCallback(async () => {
    const gen = ++generation.current;
    if (a === undefined || b === undefined) {
      setState({ result: undefined, error: undefined });
      return;
    }
    try {
      const result = await api.call('runs.compare', { a, b });
      if (gen === generation.current) setState({ result, error: undefined });
    } catch (error) {
      if (gen === generation.current) setState({ result: undefined, error: errorMessage(error) });
    }
  }, [api, a, b]);

  useEffect(() => {
    setState({ result: undefined, error: undefined });
    void load();
  }, [load]);
  useRunUpdates(a, () => void load(), { ms: 1000 });
  useRunUpdates(b, () => void load(), { ms: 1000 });
  return state;
}
