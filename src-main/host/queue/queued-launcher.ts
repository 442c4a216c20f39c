import { QueueEvents } from 'bullmq';
import type { Redis } from 'ioredis';
import type { RunHandle, RunResult } from '../../../src-shared/engine/api.ts';
import { OperonError } from '../../../src-shared/errors/operon-error.ts';
import { cancelQueuedRun, writeQueuedRun } from '../../services/run-log/queued-run.ts';
import { newRunId } from '../../services/run-log/run-id.ts';
import { readRun } from '../../services/run-log/run-reader.ts';
import { assertInterrupted, waitingNode } from '../continue-run.ts';
import type { EndedRun, RunLauncher, RunLauncherDeps } from '../run-launcher.ts';
import { CANCEL_CHANNEL, RUN_QUEUE_NAME, RunJobResultSchema, runJobId, runOfJobId, type RunJob } from './job-data.ts';
import { closeRedis } from './redis-connection.ts';
import { resultFromRun } from './run-result.ts';
import { runLeases } from './run-leases.ts';
import { createRunQueue, type RunQueue } from './run-queue.ts';

export interface QueuedLauncherDeps extends RunLauncherDeps {
  /** Queue mode's Redis (connectRedis). */
  connection: Redis;
  /**
   * The in-process launcher, for the runs that stay here: debug runs (the editor steps them live) and partial runs
   * (their plan holds what the past run produced, in memory).
   */
  local: RunLauncher;
}

export interface QueuedRunLauncher extends RunLauncher {
  queue: RunQueue;
  /** Resolves once the queue's events are followed (runs.changed, run ends): before the first enqueue. */
  ready: Promise<void>;
  close(): Promise<void>;
}

interface Waiting {
  workspace: string;
  workflowId: string;
  runId: string;
  resolve: (result: RunResult) => void;
}

/**
 * The run launcher of `operon serve --queue` (issue 17): every run the editor, the API or a trigger starts, decides or
 * continues becomes a BullMQ job for the workers (`operon worker`), behind the same calls as the in-process launcher.
 * A start writes the run's run.json (status queued) before it enqueues, so the run shows at once; the job id derives
 * from the run id, so an enqueue tried again never runs it twice. The queue's events (QueueEvents: active, completed,
 * failed) announce `runs.changed` for every run a worker starts or ends, whoever enqueued it, and settle the handles
 * of runs enqueued here. A cancel removes a job no worker has taken, or asks the workers over Redis pub/sub.
 */
export function createQueuedRunLauncher(deps: QueuedLauncherDeps): QueuedRunLauncher {
  const { local } = deps;
  const queue = createRunQueue(deps.connection);
  const eventsConnection = deps.connection.duplicate();
  const events = new QueueEvents(RUN_QUEUE_NAME, { connection: eventsConnection });
  const leases = runLeases(deps.connection, 1, 'serving host');
  /** Runs enqueued here and not yet ended or waiting, by `workspace/runId`. */
  const waiting = new Map<string, Waiting>();
  const endListeners = new Set<(ended: EndedRun) => void>();
  /** The job id of each run enqueued here and not yet ended or waiting, by `workspace/runId` (to cancel it). */
  const jobs = new Map<string, string>();
  const key = (workspace: string, runId: string) => `${workspace}/${runId}`;

  const ended = async (jobId: string, status: RunResult['status'] | undefined): Promise<void> => {
    const ids = runOfJobId(jobId);
    if (ids === undefined) return;
    const host = await deps.host(ids.workspace);
    const run = await readRun(host.paths.runs, ids.runId).catch(() => undefined);
    if (run === undefined) return;
    const final = status ?? (run.status === 'queued' || run.status === 'running' ? 'failed' : run.status);
    deps.runsChanged({ workspace: ids.workspace, runId: ids.runId, workflowId: run.workflowId, status: final });
    const entry = waiting.get(key(ids.workspace, ids.runId));
    if (entry === undefined) return;
    waiting.delete(key(ids.workspace, ids.runId));
    jobs.delete(key(ids.workspace, ids.runId));
    const result = resultFromRun(run, final);
    entry.resolve(result);
    for (const listener of [...endListeners]) listener({ workspace: ids.workspace, workflowId: run.workflowId, runId: ids.runId, result });
  };
  const report = (error: unknown): void => void error; // a run.json another process removed: nothing to announce
  events.on('active', ({ jobId }) => {
    const ids = runOfJobId(jobId);
    if (ids === undefined) return;
    void deps
      .host(ids.workspace)
      .then((host) => readRun(host.paths.runs, ids.runId))
      .then((run) => deps.runsChanged({ workspace: ids.workspace, runId: ids.runId, workflowId: run.workflowId, status: 'running' }))
      .catch(report);
  });
  events.on('completed', ({ jobId, returnvalue }) => {
    const parsed = RunJobResultSchema.safeParse(typeof returnvalue === 'string' ? safeJson(returnvalue) : returnvalue);
    void ended(jobId, parsed.success ? parsed.data.status : undefined).catch(report);
  });
  events.on('failed', ({ jobId }) => void ended(jobId, undefined).catch(report));
  const ready = events.waitUntilReady().then(() => undefined);

  /** A handle for a job: its result settles when the queue says the run ended or waits. */
  const enqueue = async (job: RunJob): Promise<RunHandle> => {
    await ready;
    const result = new Promise<RunResult>((resolve) =>
      waiting.set(key(job.workspace, job.runId), { workspace: job.workspace, workflowId: job.workflowId, runId: job.runId, resolve }),
    );
    jobs.set(key(job.workspace, job.runId), runJobId({ ...job, ...('step' in job ? { step: job.step } : {}) }));
    const jobId = await queue.enqueue(job);
    return {
      runId: job.runId,
      result,
      cancel: (reason = 'cancelled') => void cancel(job.workspace, job.runId, jobId, reason),
    };
  };
  const cancel = async (workspace: string, runId: string, jobId: string, reason: string): Promise<void> => {
    if (await queue.removeWaiting(jobId)) {
      const host = await deps.host(workspace);
      const run = await readRun(host.paths.runs, runId);
      if (run.status === 'queued') await cancelQueuedRun(host.paths.runs, run, reason);
      await ended(jobId, run.status === 'queued' ? 'cancelled' : undefined);
      return;
    }
    await deps.connection.publish(CANCEL_CHANNEL, JSON.stringify({ workspace, runId, reason }));
  };

  return {
    queue,
    ready,
    async start(workspace, workflowId, options) {
      if (options.debug !== undefined || options.partial !== undefined) return local.start(workspace, workflowId, options);
      const host = await deps.host(workspace);
      const runId = newRunId(Date.now());
      const trigger = options.trigger ?? { type: 'manual' };
      await writeQueuedRun(host.paths.runs, {
        runId,
        workflow: options.workflow,
        ...(options.workflowRef === undefined ? {} : { workflowRef: options.workflowRef }),
        trigger,
        inputs: options.inputs,
        ...(options.startedBy === undefined ? {} : { startedBy: options.startedBy }),
      });
      const handle = await enqueue({
        kind: 'start',
        workspace,
        workflowId,
        runId,
        options: {
          workflow: options.workflow,
          ...(options.workflowRef === undefined ? {} : { workflowRef: options.workflowRef }),
          inputs: options.inputs,
          trigger,
          ...(options.cache === undefined ? {} : { cache: options.cache }),
          ...(options.startedBy === undefined ? {} : { startedBy: options.startedBy }),
        },
      });
      deps.runsChanged({ workspace, runId, workflowId, status: 'queued' });
      return handle;
    },
    async decide(workspace, workflowId, options) {
      const host = await deps.host(workspace);
      const run = await readRun(host.paths.runs, options.runId);
      const nodeId = waitingNode(run, options.nodeId); // OPR-151/152 to the caller, before anything is enqueued
      const step = run.waitingSince ?? run.lastSeq;
      const handle = await enqueue({
        kind: 'decide',
        workspace,
        workflowId,
        runId: run.runId,
        step,
        options: { nodeId, decision: options.decision, ...(options.role === undefined ? {} : { role: options.role }) },
      });
      return handle;
    },
    async resume(workspace, workflowId, runId, by) {
      const host = await deps.host(workspace);
      const run = await readRun(host.paths.runs, runId);
      const holder = await leases.holder(workspace, runId);
      if (holder !== undefined)
        throw new OperonError('OPR-170', `run ${runId} is still running on worker ${holder}: it is not interrupted`, {
          details: { runId, status: run.status },
        });
      assertInterrupted(run);
      const step = run.resumedAt ?? run.startedAt;
      const handle = await enqueue({ kind: 'resume', workspace, workflowId, runId, step, options: by === undefined ? {} : { by } });
      return handle;
    },
    debugSession: (workspace, runId) => local.debugSession(workspace, runId),
    logged: (workspace, runId) => local.logged(workspace, runId),
    allLogged: (workspace) => local.allLogged(workspace),
    isRunning: (workspace, runId) => waiting.has(key(workspace, runId)) || local.isRunning(workspace, runId),
    cancel(workspace, runId, reason) {
      if (local.cancel(workspace, runId, reason)) return true;
      const jobId = jobs.get(key(workspace, runId));
      // A run enqueued elsewhere (another serving host, before a restart) is still asked for by its start job's id
      // (a worker running it cancels it), but only a run enqueued here is answered as cancelled.
      void cancel(workspace, runId, jobId ?? `${workspace}/${runId}/start`, reason).catch(report);
      return jobId !== undefined;
    },
    // Runs at the workers are theirs: closing the serving host neither cancels nor waits for them.
    cancelAll: (reason) => local.cancelAll(reason),
    idle: () => local.idle(),
    going: () => local.going(),
    onEnded(listener) {
      endListeners.add(listener);
      const stopLocal = local.onEnded(listener);
      return () => {
        endListeners.delete(listener);
        stopLocal();
      };
    },
    async close() {
      await events.close();
      await queue.close();
      await closeRedis(eventsConnection);
    },
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
