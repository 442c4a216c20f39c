import { serviceSettings, WorkflowSchema } from '../../../src-shared/workflow/schema.ts';
import { listRuns, readRun } from '../../services/run-log/run-reader.ts';
import type { WorkflowStore } from '../../services/workflow-store.ts';
import type { Host } from '../host.ts';
import type { RunLauncher } from '../run-launcher.ts';

export interface RecoveryDeps {
  launcher: RunLauncher;
  host: (workspace: string) => Promise<Host>;
  workflows: (workspace: string) => Promise<WorkflowStore>;
  log: (line: string) => void;
}

/** What start-up recovery did in one workspace. */
export interface Recovered {
  left: string[];
  resumed: string[];
}

/**
 * On start: the workspace's runs left running by a process that is gone (interrupted) are left for a person (setting
 * `onInterrupted: leave`, the default: one line says so) or continued from their logs (`resume`: finished nodes are
 * not run again), each as any run this server carries out. The workflow file's setting decides (its run's snapshot
 * when the file is gone). Sub-workflow runs are left: their caller's node runs again when the caller is resumed.
 */
export async function recoverInterruptedRuns(deps: RecoveryDeps, workspace: string): Promise<Recovered> {
  const host = await deps.host(workspace);
  const store = await deps.workflows(workspace);
  const recovered: Recovered = { left: [], resumed: [] };
  for (const entry of await listRuns(host.paths.runs)) {
    if (entry.kind !== 'run' || !entry.interrupted || entry.parent !== undefined) continue;
    const run = await readRun(host.paths.runs, entry.runId);
    const current = await store.read(run.workflowId).catch(() => WorkflowSchema.safeParse(run.workflow).data);
    if (current === undefined || serviceSettings(current.settings).onInterrupted !== 'resume') {
      recovered.left.push(run.runId);
      continue;
    }
    try {
      await deps.launcher.resume(workspace, run.workflowId, run.runId, 'service:startup-recovery');
      recovered.resumed.push(run.runId);
    } catch (error) {
      deps.log(`workspace ${workspace}: could not resume interrupted run ${run.runId}: ${(error as Error).message}`);
      recovered.left.push(run.runId);
    }
  }
  const count = (n: number) => `${n} interrupted ${n === 1 ? 'run' : 'runs'}`;
  if (recovered.left.length > 0)
    deps.log(`workspace ${workspace}: ${count(recovered.left.length)} left for a person (${recovered.left.join(', ')})`);
  if (recovered.resumed.length > 0)
    deps.log(`workspace ${workspace}: resumed ${count(recovered.resumed.length)} (${recovered.resumed.join(', ')})`);
  return recovered;
}
