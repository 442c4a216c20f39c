import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { RUN_QUEUE_NAME, runJobId, type RunJob } from './job-data.ts';

/** How long a finished job's record stays in Redis (its run's log on disk is the record that lasts). */
const KEEP_FINISHED = { age: 3_600, count: 10_000 };

/** The serving host's side of the queue: enqueues runs for the workers. */
export interface RunQueue {
  /**
   * Adds the job, with an id derived from its run (see runJobId): a job already there (a retried firing, a decision
   * sent twice) is not added again. Resolves once Redis has it (waits while Redis is away). Returns the job id.
   */
  enqueue(job: RunJob): Promise<string>;
  /** Removes a job nobody has taken yet; false when a worker has it (or it is gone). */
  removeWaiting(jobId: string): Promise<boolean>;
  /** The BullMQ queue (for status and tests). */
  queue: Queue;
  close(): Promise<void>;
}

export function createRunQueue(connection: Redis): RunQueue {
  const queue = new Queue(RUN_QUEUE_NAME, {
    connection,
    defaultJobOptions: {
      removeOnComplete: KEEP_FINISHED,
      removeOnFail: KEEP_FINISHED,
      // A job that fails (a worker's host could not start, Redis went away part way) is tried again; a run's own failure
      // is not a job failure (the job returns the run's status), so this never runs a failed run twice.
      attempts: 5,
      backoff: { type: 'exponential', delay: 500 },
    },
  });
  return {
    queue,
    async enqueue(job) {
      const jobId = runJobId({ ...job, ...('step' in job ? { step: job.step } : {}) });
      await queue.add(job.kind, job, { jobId });
      return jobId;
    },
    async removeWaiting(jobId) {
      const job = await queue.getJob(jobId);
      if (job === undefined) return false;
      const state = await job.getState();
      if (state !== 'waiting' && state !== 'delayed' && state !== 'prioritized') return false;
      // remove() refuses a job a worker has locked in the meantime.
      return job.remove().then(
        () => true,
        () => false,
      );
    },
    close: () => queue.close(),
  };
}
