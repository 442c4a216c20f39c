import { workspacePaths } from '../../services/data-dir.ts';
import { listPendingApprovals } from '../../services/run-log/pending-approvals.ts';
import type { ApiContext, CallImpls } from './call-types.ts';

/** The approvals inbox: every pending approval of the workspace's waiting runs. */
export function inboxCalls(context: ApiContext): CallImpls<'approvals.list'> {
  return {
    async 'approvals.list'({ workspace }) {
      const titleOf = (type: string) => context.registry.get(type)?.title;
      return { approvals: await listPendingApprovals(workspacePaths(context.dataDir, workspace).runs, titleOf) };
    },
  };
}
