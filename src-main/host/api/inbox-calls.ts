import type { InboxItem } from '../../../src-shared/api/debug-schemas.ts';
import { workspacePaths } from '../../services/data-dir.ts';
import { listRuns, readRun } from '../../services/run-log/run-reader.ts';
import type { ApiContext, CallImpls } from './call-types.ts';

/** The approvals inbox: every pending approval of the workspace's waiting runs. */
export function inboxCalls(context: ApiContext): CallImpls<'approvals.list'> {
  return {
    async 'approvals.list'({ workspace }) {
      const runsDir = workspacePaths(context.dataDir, workspace).runs;
      const waiting = (await listRuns(runsDir)).filter((entry) => entry.kind === 'run' && entry.status === 'waiting');
      const runs = await Promise.all(
        // A run decided (or damaged) since it was listed is left out rather than failing the whole inbox.
        waiting.map((entry) => readRun(runsDir, entry.runId, { resolveRefs: true }).catch(() => undefined)),
      );
      const approvals: InboxItem[] = [];
      for (const run of runs) {
        if (run?.status !== 'waiting') continue;
        // Logs written before the inbox do not say when the run began waiting: its last (re)start bounds it.
        const since = run.waitingSince ?? run.resumedAt ?? run.startedAt;
        for (const { nodeId, request } of run.pending ?? [])
          approvals.push({ runId: run.runId, workflowId: run.workflowId, workflowName: run.workflowName, nodeId, request, since });
      }
      approvals.sort((x, y) => x.since - y.since || x.runId.localeCompare(y.runId) || x.nodeId.localeCompare(y.nodeId));
      return { approvals };
    },
  };
}
