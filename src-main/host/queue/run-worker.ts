import { DelayedError, UnrecoverableError, Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import { hostname } from 'node:os';
import type { NodeRegistry } from '../../../src-shared/nodes/registry.ts';
import { createHost, type Host } from '../host.ts';
import { CANCEL_CHANNEL, RUN_QUEUE_NAME, RunJobSchema, type RunJobResult } from './job-data.ts';
import { closeRedis } from './redis-connection.ts';
import { runJob } from './run-job.ts';
import { runLeases, workerName } from './run-leases.ts';
import { workspaceSlots } from './workspace-slots.ts';
import { CancelMessageSchema } from './cancel-message.ts';

/**
 * How long a worker's hold on a job lasts without renewal (BullMQ renews it every half of this while the run goes on).
 * A worker that dies (SIGKILL, a lost machine) stops renewing; once the hold has lapsed, the next stall check (every
 * {@link STALLED_INTERVAL_MS}) hands its job back to the queue and another worker continues the run from its log. So
 * a killed worker's run is taken up within about 45 s; a worker whose event loop stalls for 30 s loses its hold and stops
 * its run (lockRenewalFailed), so two workers never carry on one run.
 */
export const LOCK_DURATION_MS = 30_000;
export const STALLED_INTERVAL_MS = 15_000;
/** How many times a job may be handed back after a stall before BullMQ fails it (a run that kills every worker it meets). */
export const MAX_STALLED_COUNT = 5;

export interface RunWorkerOptions {
  /** Queue mode's Redis (connectRedis); the worker makes its own blocking and subscribing connections from it. */
  connection: Redis;
  dataDir: string;
  env: NodeJS.ProcessEnv;
  registry: NodeRegistry;
  /** Jobs (runs) at once in this worker (default 1). */
  concurrency?: number;
  /** Runs at once per workspace across every worker (see workspace-slots.ts); default no limit. */
  workspaceConcurrency?: number;
  /** Overrides of the stall timings above (the tests shorten them). */
  lockDurationMs?: number;
  stalledIntervalMs?: number;
  log?: (line: string) => void;
  /** This worker's name in Redis (run leases, `operon queue status`); default host:pid:random. */
  name?: string;
}

export interface RunWorker {
  worker: Worker;
  /** This worker's name (in `operon queue status` and run leases). */
  name: string;
  /** Resolves once the worker is connected and waiting for jobs. */
  ready: Promise<void>;
  /** Runs going on in this worker now. */
  running(): number;
  /**
   * Takes no more jobs and waits up to `graceMs` for the runs going on to end or wait. Resolves with how many still go
   * on: their logs are flushed, so a process that exits now hands them back (their jobs stall and another worker
   * continues them from their logs). Closes the hosts when none is left.
   */
  close(graceMs: number): Promise<number>;
}

export function createRunWorker(options: RunWorkerOptions): RunWorker {
  const log = options.log ?? (() => undefined);
  const lockDuration = options.lockDurationMs ?? LOCK_DURATION_MS;
  const hosts = new Map<string, Promise<Host>>();
  const going = new Map<string, AbortController>();
  const slots = workspaceSlots(options.connection, lockDuration);
  const name = options.name ?? workerName(hostname(), globalThis.process.pid);
  const leases = runLeases(options.connection, lockDuration, name);
  const subscriber = options.connection.duplicate();
  const hostOf = (workspace: string): Promise<Host> => {
    let host = hosts.get(workspace);
    if (host === undefined) {
      host = createHost({ dataDir: options.dataDir, workspace, env: options.env, registry: options.registry, runLock: 'job' });
      host.catch(() => hosts.delete(workspace));
      hosts.set(workspace, host);
    }
    return host;
  };

  const processJob = async (job: Job, token?: string, jobSignal?: AbortSignal): Promise<RunJobResult> => {
    const parsed = RunJobSchema.safeParse(job.data);
    if (!parsed.success) throw new UnrecoverableError(`OPR-301: job ${job.id ?? '?'} is not an Operon run job: ${parsed.error.message}`);
    const data = parsed.data;
    const jobId = job.id ?? '';
    const limit = options.workspaceConcurrency;
    const later = async (): Promise<never> => {
      // Back to the queue for a moment, no attempt used: the run or its workspace is busy elsewhere.
      await job.moveToDelayed(Date.now() + 100 + Math.floor(Math.random() * 200), token);
      throw new DelayedError();
    };
    if (!(await leases.take(data.workspace, data.runId))) return later();
    if (limit !== undefined && !(await slots.take(data.workspace, jobId, limit))) {
      await leases.release(data.workspace, data.runId);
      return later();
    }
    const key = `${data.workspace}/${data.runId}`;
    const controller = new AbortController();
    const onJobAbort = (): void => controller.abort(jobSignal?.reason);
    jobSignal?.addEventListener('abort', onJobAbort);
    going.set(key, controller);
    const renewal = setInterval(() => {
      void leases.renew(data.workspace, data.runId).catch(() => undefined);
      if (limit !== undefined) void slots.renew(data.workspace, jobId).catch(() => undefined);
    }, lockDuration / 3);
    try {
      return await runJob(await hostOf(data.workspace), options.registry, data, controller.signal);
    } finally {
      clearInterval(renewal);
      jobSignal?.removeEventListener('abort', onJobAbort);
      if (going.get(key) === controller) going.delete(key);
      if (limit !== undefined) await slots.release(data.workspace, jobId).catch(() => undefined);
      await leases.release(data.workspace, data.runId).catch(() => undefined);
    }
  };

  const worker = new Worker(RUN_QUEUE_NAME, processJob, {
    connection: options.connection,
    name,
    concurrency: options.concurrency ?? 1,
    lockDuration,
    stalledInterval: options.stalledIntervalMs ?? STALLED_INTERVAL_MS,
    maxStalledCount: MAX_STALLED_COUNT,
    autorun: false,
  });
  worker.on('error', (error) => log(`worker: ${error.message}`));
  worker.on('lockRenewalFailed', (jobIds) => {
    // Another worker may take these jobs now: stop their runs here (their logs stay, the next worker continues them).
    for (const id of jobIds) {
      const [workspace, runId] = id.split('/');
      going.get(`${workspace}/${runId}`)?.abort(new Error(`lost the hold on job ${id}`));
    }
    log(`lost the hold on ${jobIds.join(', ')}: stopped here, another worker continues`);
  });
  subscriber.on('message', (_channel, text) => {
    let message;
    try {
      message = CancelMessageSchema.parse(JSON.parse(text));
    } catch {
      return; // not ours to read
    }
    going.get(`${message.workspace}/${message.runId}`)?.abort(new Error(message.reason));
  });

  const ready = (async () => {
    await subscriber.subscribe(CANCEL_CHANNEL);
    void worker.run().catch((error: unknown) => log(`worker stopped: ${(error as Error).message}`));
    await worker.waitUntilReady();
  })();

  return {
    worker,
    name,
    ready,
    running: () => going.size,
    async close(graceMs) {
      let timer: NodeJS.Timeout | undefined;
      const graceOver = new Promise<'over'>((resolve) => (timer = setTimeout(() => resolve('over'), graceMs)));
      // close() takes no more jobs and resolves once the jobs going on are done.
      const closing = worker.close();
      const outcome = await Promise.race([closing.then(() => 'done' as const), graceOver]);
      clearTimeout(timer);
      const left = outcome === 'over' ? going.size : 0;
      const opened = await Promise.allSettled(hosts.values());
      // Runs still going are left as they are, their logs on disk: their jobs stall once this process exits and
      // another worker continues them.
      await Promise.all(opened.flatMap((result) => (result.status === 'fulfilled' ? [result.value.syncLogs()] : [])));
      if (left === 0) await Promise.all(opened.flatMap((result) => (result.status === 'fulfilled' ? [result.value.close()] : [])));
      await closeRedis(subscriber);
      return left;
    },
  };
}
