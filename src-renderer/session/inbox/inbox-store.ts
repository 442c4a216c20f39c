import { create } from 'zustand';
import type { InboxItem } from '../../../src-shared/api/debug-schemas.ts';
import { errorMessage, type WorkspaceApi } from '../api-context.ts';

interface InboxState {
  /** Every pending approval of the workspace's waiting runs, oldest first. */
  items: readonly InboxItem[];
  loaded: boolean;
  error: string | undefined;
  /** Reads the inbox again; calls while one is in flight are folded into one more read after it. */
  refresh: (api: WorkspaceApi) => Promise<void>;
}

let inFlight: Promise<void> | undefined;
let again = false;

/** The approvals inbox, shared by the Inbox tab's count and the Inbox panel. */
export const useInboxStore = create<InboxState>()((set) => {
  const read = async (api: WorkspaceApi) => {
    try {
      const { approvals } = await api.call('approvals.list', {});
      set({ items: approvals, loaded: true, error: undefined });
    } catch (error) {
      set({ loaded: true, error: errorMessage(error) });
    }
  };
  return {
    items: [],
    loaded: false,
    error: undefined,
    refresh(api) {
      if (inFlight !== undefined) {
        again = true;
        return inFlight;
      }
      inFlight = (async () => {
        do {
          again = false;
          await read(api);
        } while (again);
        inFlight = undefined;
      })();
      return inFlight;
    },
  };
});

/** A pending approval's key: a run may wait on several nodes. */
export const inboxKey = (item: Pick<InboxItem, 'runId' | 'nodeId'>) => `${item.runId}/${item.nodeId}`;
