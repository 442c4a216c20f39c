import { createContext, useContext } from 'react';

/** One page of a large value's JSON text; `nextOffset` is null at its end. */
export interface ValuePage {
  text: string;
  nextOffset: number | null;
}

/** Fetches a page of a run's stored large value (`{ $ref }`) from `offset`, at most `limit` characters. */
export type LoadValuePage = (request: { runId: string; ref: string; offset: number; limit: number }) => Promise<ValuePage>;

/** How value views fetch large values: provided by the app shell from the session, so kit/ never calls the API itself. */
export const ValueLoaderContext = createContext<LoadValuePage | null>(null);

export function useValueLoader(): LoadValuePage {
  const load = useContext(ValueLoaderContext);
  if (load === null) throw new Error('useValueLoader: no ValueLoaderContext provider');
  return load;
}
