import type { InboxItem } from '../../../src-shared/api/debug-schemas.ts';
import { listRuns, readRun } from './run-reader.ts';
import type { TitleOf } from '../../../src-shared/workflow/node-labels.ts';
import { snapshotLabels } from './snapshot-labels.ts';

/**
 * Every pending approval of the waiting runs in `runsDir`, oldest first: the approvals inbox (`approvals.list`) and
 * `operon approvals`. Each names its node by label, from the workflow the run ran (`titleOf` names unlabelled nodes
 * by their type's title, as the editor does).
 */
export async function listPendingApprovals(runsDir: string, titleOf?: TitleOf): Promise<InboxItem[]> {
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
    const labels = snapshotLabels(run.workflow, titleOf);
    for (const { nodeId, request } of run.pending ?? []) {
      const nodeLabel = labels.get(nodeId);
      approvals.push({
        runId: run.runId,
        workflowId: run.workflowId,
        workflowName: run.workflowName,
        nodeId,
        ...(nodeLabel === undefined ? {} : { nodeLabel }),
        request,
        since,
      });
    }
  }
  approvals.sort((x, y) => x.since - y.since || x.runId.localeCompare(y.runId) || x.nodeId.localeCompare(y.nodeId));
  return approvals;
}
