import { closeRedis, connectRedis } from '../../host/queue/redis-connection.ts';
import { queueStatus } from '../../host/queue/queue-status.ts';
import { createRunQueue } from '../../host/queue/run-queue.ts';
import { queueUrl, redacted } from './queue-url.ts';

export interface QueueStatusOptions {
  queue?: string;
  json?: boolean;
}

const plural = (count: number, noun: string): string => `${count} ${count === 1 ? noun : `${noun}s`}`;

/** `operon queue status`: the queue's counts and its workers, once. */
export async function queueStatusCommand(options: QueueStatusOptions): Promise<void> {
  const url = queueUrl(options.queue);
  const connection = connectRedis(url, 'operon-queue-status');
  const runQueue = createRunQueue(connection);
  try {
    const status = await queueStatus(runQueue.queue);
    if (options.json === true) {
      process.stdout.write(`${JSON.stringify(status)}\n`);
      return;
    }
    const lines = [
      `Queue ${redacted(url)}`,
      `  waiting    ${status.waiting}`,
      `  delayed    ${status.delayed}`,
      `  active     ${status.active}`,
      `  stalled    ${status.stalled} (handed back after a worker stopped)`,
      `  failed     ${status.failed}`,
      `  completed  ${status.completed} (kept for an hour)`,
      status.workers.length === 0 ? 'No worker is connected.' : `${plural(status.workers.length, 'worker')}:`,
      ...status.workers.map(
        (worker) =>
          `  ${worker.name}  ${worker.active.length === 0 ? 'idle' : `${plural(worker.active.length, 'run')}: ${worker.active.join(', ')}`}`,
      ),
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    await runQueue.close();
    await closeRedis(connection);
  }
}
