import type { Command } from 'commander';
import type { QueueStatusOptions } from '../commands/queue.ts';

/** Declares `operon queue status`; commands/queue.ts (BullMQ) loads only when it runs. */
export function declareQueue(program: Command): void {
  const queue = program.command('queue').description("Look at queue mode's Redis: the runs waiting and going on, and the workers");
  queue
    .command('status')
    .description('Runs waiting, delayed, active, handed back after a stall, failed and done, and each worker with its runs')
    .option('--queue <url>', 'the Redis, redis://host:port (default: $OPERON_QUEUE_URL)')
    .option('--json', 'print one JSON object')
    .action(async (options: QueueStatusOptions) => {
      const { queueStatusCommand } = await import('../commands/queue.ts');
      await queueStatusCommand(options);
    });
}
