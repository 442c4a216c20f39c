import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Decision } from '../../../src-shared/nodes/decision.ts';
import type { InboxItem } from '../../../src-shared/api/debug-schemas.ts';
import { errorMessage, type WorkspaceApi } from '../api-context.ts';

export interface InboxState {
  /** Every pending approval of the workspace's waiting runs, oldest first. */
  items: readonly InboxItem[];
  loaded: boolean;
  error: string | undefined;
  /** Reads the inbox again; calls while one is in flight are folded into one more read after it. */
  refresh: () => Promise<void>;
  /** Decides one pending approval (a comment, and an edited value when approving); rejects with the server's reason. */
  decide: (item: Pick<InboxItem, 'runId' | 'nodeId'>, decision: InboxDecision) => Promise<void>;
}

export type InboxStore = StoreApi<InboxState>;

/** A person's decision on a pending approval (the server records who and when). */
export type InboxDecision = Pick<Decision, 'decision' | 'comment' | 'value'>;

/** The workspace's approvals inbox, shared by the Inbox tab's count and the Inbox panel. */
export function createInboxStore(api: WorkspaceApi): InboxStore {
  let inFlight: Promise<void> | undefined;
  let again = false;
  return createStore<InboxState>()((set) => {
    const read = async () => {
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
      async decide({ runId, nodeId }, { decision, comment, value }) {
        await api.call('runs.decide', {
          runId,
          nodeId,
          decision,
          ...(comment === undefined ? {} : { comment }),
          ...(value === undefined ? {} : { value }),
        });
      },
      refresh() {
        if (inFlight !== undefined) {
          again = true;
          return inFlight;
        }
        inFlight = (async () => {
          do {
            again = false;
            await read();
          } while (again);
          inFlight = undefined;
        })();
        return inFlight;
      },
    };
  });
}

/** A pending approval's key: a run may wait on several nodes. */
export const inboxKey = (item: Pick<InboxItem, 'runId' | 'nodeId'>) => `${item.runId}/${item.nodeId}`;
