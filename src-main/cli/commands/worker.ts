import type { Command } from 'commander';
import { OperonError } from '../../../src-shared/errors/operon-error.ts';
import { connectRedis, closeRedis } from '../../host/queue/redis-connection.ts';
import { createRunWorker } from '../../host/queue/run-worker.ts';
import { startHealthServer } from '../../serve/health-server.ts';
import { checkedContext, registry, type GlobalOptions } from '../cli-context.ts';
import { queueUrl, redacted } from './queue-url.ts';
import { untilStopSignal } from '../stop-signal.ts';

export interface WorkerOptions extends GlobalOptions {
  queue?: string;
  concurrency: number;
  workspaceConcurrency?: number;
  healthPort?: number;
  healthHost: string;
  lockSeconds: number;
  graceSeconds: number;
}

/** `operon worker`: takes runs from queue mode's Redis until SIGTERM or Ctrl-C (issue 17; see docs/scaling.md). */
export async function workerCommand(options: WorkerOptions, command: Command): Promise<void> {
  const all = { ...command.optsWithGlobals<GlobalOptions>(), ...options };
  const url = queueUrl(all.queue);
  const whole = (value: number | undefined, flag: string, min: number): void => {
    if (value !== undefined && !(Number.isInteger(value) && value >= min && value <= 65_535))
      throw new OperonError('OPR-302', `${flag} must be a whole number from ${min}, not ${String(value)}`);
  };
  whole(all.concurrency, '--concurrency', 1);
  whole(all.workspaceConcurrency, '--workspace-concurrency', 1);
  whole(all.healthPort, '--health-port', 0);
  if (!(Number.isFinite(all.lockSeconds) && all.lockSeconds >= 1))
    throw new OperonError('OPR-302', `--lock-seconds must be a number of seconds from 1, not ${String(all.lockSeconds)}`);
  const { dataDir } = await checkedContext(all);
  const log = (line: string): void => void process.stderr.write(`operon worker: ${line}\n`);
  const connection = connectRedis(url, 'operon-worker');
  connection.on('error', () => undefined); // ioredis reconnects by itself; the worker's own 'error' says what matters
  const worker = createRunWorker({
    connection,
    dataDir,
    env: process.env,
    registry,
    concurrency: all.concurrency,
    ...(all.workspaceConcurrency === undefined ? {} : { workspaceConcurrency: all.workspaceConcurrency }),
    lockDurationMs: all.lockSeconds * 1000,
    stalledIntervalMs: (all.lockSeconds * 1000) / 2,
    log,
  });
  let stopping = false;
  const health =
    all.healthPort === undefined
      ? undefined
      : await startHealthServer(
          all.healthHost,
          all.healthPort,
          () => !stopping && connection.status === 'ready' && worker.worker.isRunning(),
        );
  const stopped = untilStopSignal();
  await worker.ready;
  process.stdout.write(
    `Operon worker ${worker.name} takes runs from ${redacted(url)} (${all.concurrency === 1 ? '1 at a time' : `${all.concurrency} at a time`}), data folder ${dataDir}\n${health === undefined ? '' : `Health ${health.origin}/healthz and /readyz\n`}`,
  );
  log('ready');
  await stopped;
  stopping = true;
  const grace = Number.isFinite(all.graceSeconds) && all.graceSeconds >= 0 ? all.graceSeconds : 30;
  log(`stopping: no more runs; waiting up to ${grace} s for the ${worker.running() === 1 ? 'run' : 'runs'} going on…`);
  const left = await worker.close(grace * 1000);
  await health?.close();
  if (left > 0) {
    // Their logs are on disk: once this process is gone their jobs stall and another worker continues them.
    log(`${left === 1 ? '1 run' : `${left} runs`} still going after ${grace} s: handed back to the queue; exiting`);
    process.exit(0);
  }
  await closeRedis(connection);
  log('stopped');
}
