import type { Command } from 'commander';
import type { WorkerOptions } from '../commands/worker.ts';

const integer = (value: string): number => Number(value);

/** Declares `operon worker`; commands/worker.ts (BullMQ, the engine host) loads only when it runs. */
export function declareWorker(program: Command): void {
  program
    .command('worker')
    .description(
      "Take runs from queue mode's Redis and run them (operon serve --queue enqueues them); run one or more on any machine that shares the data folder. SIGTERM stops it gracefully",
    )
    .option('--queue <url>', 'the Redis to take runs from, redis://host:port (default: $OPERON_QUEUE_URL)')
    .option('--concurrency <n>', 'runs at once in this worker (default: 1)', integer, 1)
    .option(
      '--workspace-concurrency <n>',
      'runs at once per workspace across every worker (give every worker the same; default: no limit)',
      integer,
    )
    .option('--health-port <n>', 'serve /healthz and /readyz on this port (0: any free one; default: none)', integer)
    .option('--health-host <host>', 'the interface for /healthz and /readyz', '127.0.0.1')
    .option(
      '--lock-seconds <n>',
      "how long the worker's hold on a run lasts unrenewed: a killed worker's runs are taken up by another after about 1.5 times this (default: 30)",
      (v) => Number.parseFloat(v),
      30,
    )
    .option(
      '--grace-seconds <n>',
      'on SIGTERM: take no more runs, let those going on end or wait for up to this long, then exit; the rest are handed back to another worker (default: 30)',
      (v) => Number.parseFloat(v),
      30,
    )
    .action(async (options: WorkerOptions, command: Command) => {
      const { workerCommand } = await import('../commands/worker.ts');
      await workerCommand(options, command);
    });
}
