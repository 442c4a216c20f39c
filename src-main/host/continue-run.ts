import type { Engine, RunHandle, RunRequest } from '../../src-shared/engine/api.ts';
import type { EngineEvent } from '../../src-shared/engine/events.ts';
import { OperonError } from '../../src-shared/errors/operon-error.ts';
import type { NodeRegistry } from '../../src-shared/nodes/registry.ts';
import { validateWorkflow } from '../../src-shared/workflow/validate.ts';
import type { RunLock } from '../services/run-log/run-lock.ts';
import { readEvents, readRun, type RunInfo } from '../services/run-log/run-reader.ts';
import type { RunRecorder } from '../services/run-log/run-recorder.ts';

type Decisions = NonNullable<RunRequest['resume']>['decisions'];

/** What continuing a logged run takes from its host. */
export interface ContinueDeps {
  runsDir: string;
  registry: NodeRegistry;
  recorder: RunRecorder;
  /** The engine for a run of the workflow at `workflowRef` (its sub-workflows resolve from there). */
  engineFor(workflowRef: string | undefined): Engine;
  /** The handle whose result resolves once the run's logs are flushed and `release` has run. */
  afterRun(handle: RunHandle, release: () => Promise<void>): RunHandle;
  /** The engine's `persist`: resolves once the run's events so far are on disk. */
  persist: (runId: string) => Promise<void>;
  /** Takes the run's lock: acquireRunLock (one machine), or claimRunLock under a queue's job lock. */
  lock: (runsDir: string, runId: string) => Promise<RunLock>;
}

export interface ContinueOptions {
  runId: string;
  /** Throws when the run may not be continued this way; otherwise the decisions to apply as it continues. */
  decisionsFor(run: RunInfo): Decisions;
  onEvent: (event: EngineEvent) => void;
  signal?: AbortSignal;
}

/**
 * Continues a logged run in this process, from its events (the engine's `resume`, see run-state.ts replayEvents):
 * finished nodes are not run again, nodes that were queued or running run again, the run keeps its id and event
 * numbering. Holds the run's lock (OPR-153 when another process has it) until the run ends or waits again; OPR-150
 * for an unknown run, OPR-154 when its workflow snapshot no longer validates.
 */
export async function continueLoggedRun(deps: ContinueDeps, options: ContinueOptions): Promise<RunHandle> {
  const { runsDir, registry, recorder } = deps;
  const { runId } = options;
  await readRun(runsDir, runId); // OPR-150 before the lock, which would create the run's folder
  const lock = await deps.lock(runsDir, runId);
  try {
    const run = await readRun(runsDir, runId);
    const decisions = options.decisionsFor(run);
    const checked = validateWorkflow(run.workflow, registry);
    if (!checked.ok)
      throw new OperonError(
        'OPR-154',
        `run ${runId}: its workflow snapshot no longer validates: ${checked.problems.map((p) => p.message).join('; ')}`,
      );
    const { events } = await readEvents(runsDir, runId, { resolveRefs: true });
    const workflowRef = run.workflowRef;
    recorder.beginRun({ runId, workflow: checked.workflow, ...(workflowRef === undefined ? {} : { workflowRef }) });
    const handle = deps.engineFor(workflowRef).run({
      workflow: checked.workflow,
      inputs: run.inputs,
      runId,
      trigger: run.trigger,
      onEvent: options.onEvent,
      persist: deps.persist,
      resume: { events, decisions },
      ...(workflowRef === undefined ? {} : { workflowRef }),
      ...(options.signal === undefined ? {} : { signal: options.signal }),
    });
    return deps.afterRun(handle, () => lock.release());
  } catch (error) {
    await lock.release();
    throw error;
  }
}

/** The node a decision goes to: `nodeId`, or the only waiting node. OPR-151 when the run does not wait, OPR-152 for a wrong node. */
export function waitingNode(run: RunInfo, nodeId: string | undefined): string {
  if (run.status !== 'waiting') throw new OperonError('OPR-151', `run ${run.runId} is ${run.status}, not waiting for a decision`);
  const pending = run.pending ?? [];
  const chosen = nodeId ?? (pending.length === 1 ? pending[0]?.nodeId : undefined);
  if (chosen !== undefined && pending.some((p) => p.nodeId === chosen)) return chosen;
  const waiting = pending.map((p) => `"${p.nodeId}" (${p.request.title})`).join(', ');
  throw new OperonError(
    'OPR-152',
    nodeId === undefined
      ? `run ${run.runId} waits on several nodes: ${waiting}; name one with --node`
      : `node "${nodeId}" is not waiting; waiting: ${waiting || 'none'}`,
  );
}

/**
 * Refuses (OPR-170) a run that was not interrupted: one still going on in a live process, a waiting or finished run,
 * or a sub-workflow run (its caller re-runs the node that called it when it is resumed).
 */
export function assertInterrupted(run: RunInfo): void {
  const id = `run ${run.runId}`;
  if (!run.interrupted) {
    const why =
      run.status === 'running'
        ? `${id} is still running (process ${run.pid} on ${run.host}): it is not interrupted`
        : run.status === 'waiting'
          ? `${id} is waiting for a decision, not interrupted: approve or reject it to continue it`
          : `${id} already finished (${run.status}): only an interrupted run can be resumed`;
    throw new OperonError('OPR-170', why, { details: { runId: run.runId, status: run.status } });
  }
  if (run.parent !== undefined)
    throw new OperonError(
      'OPR-170',
      `${id} is a sub-workflow run of run ${run.parent.runId} (node "${run.parent.nodeId}"): resume run ${run.parent.runId} instead`,
      { details: { runId: run.runId, parent: run.parent } },
    );
}
