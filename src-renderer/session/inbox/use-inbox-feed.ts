import { useEffect } from 'react';
import { useApi } from '../api-context.ts';
import { useInboxStore } from './inbox-store.ts';

/** Keeps the inbox fresh while mounted: read now, and again whenever a run of the workspace starts, waits, continues or ends. */
export function useInboxFeed(): void {
  const api = useApi();
  const refresh = useInboxStore((s) => s.refresh);
  useEffect(() => {
    void refresh(api);
    return api.on('runs.changed', () => void refresh(api));
  }, [api, refresh]);
}
