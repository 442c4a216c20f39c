import { useEffect } from 'react';
import { coalesce } from '../live-run/throttle.ts';
import { useApi, useWorkspaceStores } from '../workspace-context.ts';

/**
 * Keeps the workspace's activations and firing log fresh while mounted: read now, then every pushed activation and
 * firing applied as it comes, and the activations read again (coalesced) when runs start or end, for their counts of
 * runs going on and queued. Several views may mount it: each event is applied idempotently.
 */
export function useTriggerFeed(): void {
  const api = useApi();
  const { triggers } = useWorkspaceStores();
  useEffect(() => {
    void triggers.getState().refresh();
    const reread = coalesce(() => void triggers.getState().refresh(), 500);
    const off = [
      api.on('triggers.changed', ({ activation }) => triggers.getState().changed(activation)),
      api.on('triggers.fired', ({ firing }) => triggers.getState().fired(firing)),
      api.on('runs.changed', reread.schedule),
    ];
    return () => {
      reread.cancel();
      off.forEach((unsubscribe) => unsubscribe());
    };
  }, [api, triggers]);
}
