import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { EVENT_WAIT_MS } from './waiting.ts';

/**
 * A real Redis for the queue tests: Debian's `redis-server` on a free loopback port, its files in a temporary folder,
 * AOF on (`--appendonly yes`) and no RDB snapshots, so a restart on the same port and folder loses nothing that was
 * acknowledged. Started and stopped by the tests; `.ci/run` installs it. Ready when it prints "Ready to accept
 * connections" (never after a fixed wait).
 */
export interface RedisServer {
  /** `redis://127.0.0.1:<port>` */
  url: string;
  port: number;
  /** Its data folder (the AOF files). */
  dir: string;
  /** Stops it (SIGTERM, waits for the exit), keeping its folder. */
  stop(): Promise<void>;
  /** Starts it again on the same port and folder (after {@link stop}); it reloads its AOF. */
  restart(): Promise<void>;
  /** Stops it and removes its folder. */
  close(): Promise<void>;
}

/** Why the queue tests cannot run here (no `redis-server` on PATH), or undefined when they can. */
export function redisSkipReason(): string | undefined {
  const found = spawnSync('redis-server', ['--version'], { stdio: 'ignore' });
  return found.error === undefined && found.status === 0
    ? undefined
    : 'redis-server is not installed: skipping the queue tests (apt-get install redis-server; .ci/run does)';
}

export async function startRedisServer(): Promise<RedisServer> {
  const dir = await mkdtemp(path.join(tmpdir(), 'operon-redis-'));
  const port = await freePort();
  let child: ChildProcess | undefined;
  const launch = async (): Promise<void> => {
    const started = spawn(
      'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'yes', '--dir', dir, '--protected-mode', 'no'],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    child = started;
    await readyLine(started, port);
  };
  const stop = async (): Promise<void> => {
    const running = child;
    child = undefined;
    if (running?.exitCode !== null || running.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => running.once('exit', () => resolve()));
    running.kill('SIGTERM');
    await exited;
  };
  await launch();
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    dir,
    stop,
    async restart() {
      await stop();
      await launch();
    },
    async close() {
      await stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Resolves once the server prints that it accepts connections; rejects (with what it printed) if it exits first. */
function readyLine(child: ChildProcess, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(
      () => fail(new Error(`redis-server on port ${port} not ready after ${EVENT_WAIT_MS} ms:\n${output}`)),
      EVENT_WAIT_MS,
    );
    const done = (): void => {
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      child.off('exit', onExit);
      // Keep draining its output so it never blocks on a full pipe.
      child.stdout?.resume();
      child.stderr?.resume();
    };
    const fail = (error: Error): void => {
      done();
      child.kill('SIGKILL');
      reject(error);
    };
    const onData = (chunk: Buffer): void => {
      output += chunk.toString('utf8');
      if (output.includes('Ready to accept connections')) {
        done();
        resolve();
      }
    };
    const onExit = (code: number | null): void =>
      fail(new Error(`redis-server on port ${port} exited (${code}) before it was ready:\n${output}`));
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.once('exit', onExit);
  });
}

/** A loopback port nobody listens on now (the OS picks it; closed again at once). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
