import { useEffect } from 'react';
import { useApi, useInboxStore } from '../workspace-context.ts';

/** Keeps the inbox fresh while mounted: read now, and again whenever a run of the workspace starts, waits, continues or ends. */
export function useInboxFeed(): void {
  const api = useApi();
  const refresh = useInboxStore((s) => s.refresh);
  useEffect(() => {
    void refresh();
    return api.on('runs.changed', () => void refresh());
  }, [api, refresh]);
}
