import type { RunHandle } from '../../../src-shared/engine/api.ts';
import type { NodeRegistry } from '../../../src-shared/nodes/registry.ts';
import { OperonError } from '../../../src-shared/errors/operon-error.ts';
import { validateWorkflow } from '../../../src-shared/workflow/validate.ts';
import { readRun } from '../../services/run-log/run-reader.ts';
import type { Host } from '../host.ts';
import type { RunJob, RunJobResult } from './job-data.ts';

const ENDED = new Set(['succeeded', 'failed', 'cancelled']);

/**
 * Runs one job on a worker's host and resolves with the run's status once it ends or waits. What it does depends on
 * where the run's log says the run is, so a job taken again after its worker died (a stalled job) carries on rather
 * than starting over:
 *
 * - queued (a start nobody began): starts the run with its given id;
 * - running (its previous worker died part way; this worker holds the job lock): continues it from its log, finished
 *   nodes not run again (Host.continueFromLog);
 * - waiting: a decide job applies its decision and continues; any other job leaves it waiting (it holds no worker);
 * - ended: nothing to do (the previous worker finished it and died before BullMQ heard).
 */
export async function runJob(host: Host, registry: NodeRegistry, job: RunJob, signal: AbortSignal): Promise<RunJobResult> {
  const run = await readRun(host.paths.runs, job.runId);
  if (ENDED.has(run.status) || (run.status === 'waiting' && job.kind !== 'decide'))
    return { runId: job.runId, status: run.status as RunJobResult['status'] };
  let handle: RunHandle;
  if (run.status === 'running')
    handle = await host.continueFromLog({
      runId: job.runId,
      ...(job.kind === 'resume' && job.options.by !== undefined ? { by: job.options.by } : {}),
      signal,
    });
  else if (job.kind === 'decide')
    handle = await host.decide({
      runId: job.runId,
      ...(job.options.nodeId === undefined ? {} : { nodeId: job.options.nodeId }),
      decision: job.options.decision,
      ...(job.options.role === undefined ? {} : { role: job.options.role }),
      signal,
    });
  else if (job.kind === 'start') {
    const checked = validateWorkflow(job.options.workflow, registry);
    if (!checked.ok)
      throw new OperonError(
        'OPR-154',
        `run ${job.runId}: its workflow no longer validates: ${checked.problems.map((p) => p.message).join('; ')}`,
      );
    handle = await host.startRun({
      runId: job.runId,
      workflow: checked.workflow,
      ...(job.options.workflowRef === undefined ? {} : { workflowRef: job.options.workflowRef }),
      inputs: job.options.inputs,
      trigger: job.options.trigger,
      ...(job.options.cache === undefined ? {} : { cache: job.options.cache }),
      ...(job.options.startedBy === undefined ? {} : { startedBy: job.options.startedBy }),
      signal,
    });
  } else throw new OperonError('OPR-170', `run ${job.runId} is ${run.status}: there is nothing to resume`);
  const result = await handle.result;
  return { runId: job.runId, status: result.status };
}
