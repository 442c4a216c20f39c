import { workspacePaths } from '../../services/data-dir.ts';
import { listPendingApprovals } from '../../services/run-log/pending-approvals.ts';
import type { ApiContext, CallImpls } from './call-types.ts';

/** The approvals inbox: every pending approval of the workspace's waiting runs. */
export function inboxCalls(context: ApiContext): CallImpls<'approvals.list'> {
  return {
    async 'approvals.list'({ workspace }) {
      return { approvals: await listPendingApprovals(workspacePaths(context.dataDir, workspace).runs) };
    },
  };
}
