import type { Command } from 'commander';
import { ZodError } from 'zod';
import { createTimerClock } from '../../../src-shared/services/timer-clock.ts';
import { createFileWatchSource } from '../../host/triggers/sources/file-watch-source.ts';
import { createScheduleSource } from '../../host/triggers/sources/schedule-source.ts';
import { ServeConfigError, startServer } from '../../serve/server.ts';
import { packagePath } from '../../services/package-root.ts';
import { checkedContext, type GlobalOptions } from '../cli-context.ts';
import { EXIT } from '../exit-codes.ts';
import { redacted } from './queue-url.ts';
import { untilStopSignal } from '../stop-signal.ts';

export interface ServeOptions extends GlobalOptions {
  port: number;
  host: string;
  token?: string;
  maxConnections?: number;
  /** False with --no-ui: no editor, only the API and the triggers. */
  ui: boolean;
  graceSeconds: number;
  /** Queue mode's Redis (`--queue`; else $OPERON_QUEUE_URL). */
  queue?: string;
}

/** `operon serve`: the editor in a browser and the API over a WebSocket, until Ctrl-C or SIGTERM. */
export async function serveCommand(options: ServeOptions, command: Command): Promise<void> {
  const all = { ...command.optsWithGlobals<GlobalOptions>(), ...options };
  const { dataDir } = await checkedContext(all);
  const token = all.token ?? (process.env.OPERON_TOKEN === '' ? undefined : process.env.OPERON_TOKEN);
  const serviceLog = (line: string): void => void process.stderr.write(`operon serve: ${line}\n`);
  const queueAt = all.queue ?? (process.env.OPERON_QUEUE_URL === '' ? undefined : process.env.OPERON_QUEUE_URL);
  // Queue mode loads BullMQ; without it nothing of the queue is loaded.
  const queueMode = queueAt === undefined ? undefined : await import('../../host/queue/queue-mode.ts');
  const connection = queueAt === undefined ? undefined : queueMode?.connectRedis(queueAt, 'operon-serve');
  connection?.on('error', () => undefined); // ioredis reconnects by itself; enqueues wait meanwhile
  let server;
  try {
    server = await startServer({
      host: all.host,
      port: all.port,
      dataDir,
      // The built editor, shipped in the package (npm run build makes it).
      ...(all.ui ? { staticDir: packagePath('out/renderer') } : {}),
      env: process.env,
      triggers: {
        // Schedules and file watches; the server adds the webhooks.
        sources: (dispatcher) => [
          createScheduleSource({ dataDir, dispatcher, clock: createTimerClock(), log: serviceLog }),
          createFileWatchSource({ dataDir, dispatcher, log: serviceLog }),
        ],
        log: serviceLog,
      },
      ...(connection === undefined || queueMode === undefined
        ? {}
        : { queue: { launcher: (deps) => queueMode.createQueuedRunLauncher({ ...deps, connection }) } }),
      ...(token === undefined ? {} : { token }),
      ...(all.maxConnections === undefined ? {} : { limits: { maxConnections: all.maxConnections } }),
    });
  } catch (error) {
    const message =
      error instanceof ServeConfigError
        ? error.message
        : error instanceof ZodError
          ? `--max-connections must be a positive integer (${error.issues.map((issue) => issue.message).join('; ')})`
          : undefined;
    if (message === undefined) throw error;
    process.stderr.write(`operon serve: ${message}\n`);
    process.exitCode = EXIT.invalid;
    return;
  }
  const stopped = untilStopSignal();
  await server.ready;
  process.stdout.write(
    all.ui
      ? `Operon is serving ${dataDir}\nOpen ${server.url}\nCtrl-C stops it.\n`
      : `Operon is serving ${dataDir} without the editor (--no-ui)\nAPI ${server.origin} (token: ${all.token === undefined && process.env.OPERON_TOKEN === undefined ? server.token : 'as given'})\nCtrl-C or SIGTERM stops it.\n`,
  );
  if (queueAt !== undefined) process.stdout.write(`Queue mode: runs go to the workers through ${redacted(queueAt)}\n`);
  process.stderr.write('operon serve: ready\n');
  await stopped;
  const grace = Number.isFinite(all.graceSeconds) && all.graceSeconds >= 0 ? all.graceSeconds : 30;
  process.stderr.write(`\noperon serve: stopping: no more firings; waiting up to ${grace} s for the runs going on…\n`);
  const left = await server.stopTaking(grace * 1000);
  if (left > 0) {
    // Their logs are flushed: exiting now leaves them interrupted, to continue on the next start (onInterrupted: resume).
    process.stderr.write(
      `operon serve: ${left === 1 ? '1 run' : `${left} runs`} still going after ${grace} s: left interrupted; exiting\n`,
    );
    process.exit(0);
  }
  await server.close();
  if (connection !== undefined) await queueMode?.closeRedis(connection);
  process.stderr.write('operon serve: stopped\n');
}
