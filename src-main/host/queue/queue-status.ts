import type { Queue } from 'bullmq';

/** What `operon queue status` shows: the queue's jobs by state, and each worker with the runs it has. */
export interface QueueStatus {
  waiting: number;
  /** Jobs held back for a moment (a workspace at its concurrency limit, a run busy elsewhere, a retry's backoff). */
  delayed: number;
  active: number;
  /** Jobs handed back after their worker stopped renewing its hold (a killed worker), and now waiting or active again. */
  stalled: number;
  failed: number;
  completed: number;
  workers: { name: string; active: string[] }[];
}

export async function queueStatus(queue: Queue): Promise<QueueStatus> {
  const counts = await queue.getJobCounts('waiting', 'delayed', 'active', 'failed', 'completed', 'prioritized');
  const [active, waiting, clients] = await Promise.all([queue.getActive(), queue.getWaiting(), queue.getWorkers()]);
  const byWorker = new Map<string, string[]>();
  for (const client of clients) {
    const name = client.name ?? '';
    if (name !== '') byWorker.set(name, []);
  }
  for (const job of active) {
    const worker = job.processedBy ?? 'unknown';
    byWorker.set(worker, [...(byWorker.get(worker) ?? []), job.id ?? '?']);
  }
  const stalled = [...active, ...waiting].filter((job) => job.stalledCounter > 0).length;
  return {
    waiting: (counts.waiting ?? 0) + (counts.prioritized ?? 0),
    delayed: counts.delayed ?? 0,
    active: counts.active ?? 0,
    stalled,
    failed: counts.failed ?? 0,
    completed: counts.completed ?? 0,
    workers: [...byWorker].map(([name, jobs]) => ({ name, active: jobs })).sort((a, b) => a.name.localeCompare(b.name)),
  };
}
