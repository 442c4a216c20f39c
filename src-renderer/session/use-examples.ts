import { useEffect, useState } from 'react';
import type { ExampleSummary } from '../../src-shared/api/schemas.ts';
import { errorMessage } from './api-context.ts';
import { useApi } from './workspace-context.ts';

/** The examples shipped with Operon, for the start page's gallery (loaded once per mount). */
export function useExamples(): { examples: readonly ExampleSummary[] | undefined; error: string | undefined } {
  const api = useApi();
  const [examples, setExamples] = useState<readonly ExampleSummary[]>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    let live = true;
    api
      .call('examples.list', {})
      .then((result) => live && setExamples(result.examples))
      .catch((failure: unknown) => live && setError(errorMessage(failure)));
    return () => {
      live = false;
    };
  }, [api]);
  return { examples, error };
}
