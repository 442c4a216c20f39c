/**
 * Queue mode's throughput and the latency the queue adds: `npm run bench:queue` (node bench/queue-bench.ts).
 *
 * A benchmark, not a test: it prints figures and fails only when a run does not succeed. A 3-node workflow (Manual
 * trigger -> Transform -> Output, run logs on disk) is run `--runs` times with `--in-flight` runs at once:
 *
 * - single-process: this process's in-process run launcher (what `operon serve` does without --queue);
 * - queue mode: this process is the serving host (its queue-mode launcher writes run.json and enqueues), and 1, 2 and
 *   4 `operon worker` child processes (from the sources, --concurrency 4 each) on a loopback redis-server take the runs.
 *
 * Each is measured `--rounds` times and the median is printed (runs per second). Then `--latency` runs one at a time,
 * single-process and with one worker: p50 and p99 of start-to-result, and their difference, the latency the queue adds
 * (an enqueue, a worker's pick-up, the result through QueueEvents). Load average before and after: on a shared
 * machine, quote the figures with it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createBuiltinRegistry } from '../src-shared/nodes/builtin.ts';
import { validateWorkflow } from '../src-shared/workflow/validate.ts';
import type { Workflow } from '../src-shared/workflow/schema.ts';
import { createHost } from '../src-main/host/host.ts';
import { createQueuedRunLauncher } from '../src-main/host/queue/queued-launcher.ts';
import { closeRedis, connectRedis } from '../src-main/host/queue/redis-connection.ts';
import { createRunLauncher, type RunLauncher } from '../src-main/host/run-launcher.ts';
import { startRedisServer } from '../src-main/services/testing/redis-server.ts';

const { values: args } = parseArgs({
  options: {
    runs: { type: 'string', default: '400' },
    'in-flight': { type: 'string', default: '32' },
    rounds: { type: 'string', default: '3' },
    latency: { type: 'string', default: '100' },
    workers: { type: 'string', default: '1,2,4' },
  },
});
const RUNS = Number(args.runs);
const IN_FLIGHT = Number(args['in-flight']);
const ROUNDS = Number(args.rounds);
const LATENCY_RUNS = Number(args.latency);
const WORKER_COUNTS = args.workers.split(',').map(Number);
const WORKSPACE = 'default';
const BIN = path.resolve(import.meta.dirname, '../bin/operon.js');

const registry = createBuiltinRegistry();
const checked = validateWorkflow(
  {
    schemaVersion: 1,
    id: 'bench-three',
    name: 'bench-three',
    nodes: [
      { id: 'start', type: 'core.manual-trigger', typeVersion: 1, position: { x: 0, y: 0 }, config: {} },
      { id: 'sum', type: 'core.transform', typeVersion: 1, position: { x: 200, y: 0 }, config: { expression: '{ "n": n, "sum": a + n }' } },
      { id: 'out', type: 'core.output', typeVersion: 1, position: { x: 400, y: 0 }, config: { name: 'result' } },
    ],
    edges: [
      { id: 'e1', source: 'start', sourcePort: 'out', target: 'sum', targetPort: 'in' },
      { id: 'e2', source: 'sum', sourcePort: 'out', target: 'out', targetPort: 'in' },
    ],
  },
  registry,
);
if (!checked.ok) throw new Error('the bench workflow does not validate');
const workflow: Workflow = checked.workflow;

/** Runs `count` runs, `inFlight` at once; resolves with the seconds taken. Throws when one does not succeed. */
async function throughput(launcher: RunLauncher, count: number, inFlight: number): Promise<number> {
  let next = 0;
  const began = performance.now();
  const lane = async (): Promise<void> => {
    while (next < count) {
      const n = next++;
      const handle = await launcher.start(WORKSPACE, workflow.id, { workflow, inputs: { a: 1, n }, trigger: { type: 'api' } });
      const result = await handle.result;
      if (result.status !== 'succeeded') throw new Error(`run ${handle.runId} ${result.status}`);
    }
  };
  await Promise.all(Array.from({ length: inFlight }, lane));
  return (performance.now() - began) / 1000;
}

async function latencies(launcher: RunLauncher, count: number): Promise<number[]> {
  const times: number[] = [];
  for (let n = 0; n < count; n++) {
    const began = performance.now();
    const handle = await launcher.start(WORKSPACE, workflow.id, { workflow, inputs: { a: 1, n }, trigger: { type: 'api' } });
    await handle.result;
    times.push(performance.now() - began);
  }
  return times;
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;
const percentile = (values: number[], p: number): number =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((p / 100) * values.length))] ?? Number.NaN;

function startWorker(dataDir: string, url: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, [BIN, '--data-dir', dataDir, 'worker', '--queue', url, '--concurrency', '4'], {
    env: { ...process.env, OPERON_SOURCES: '1', NO_COLOR: '1' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let text = '';
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
      text += chunk;
      if (text.includes('operon worker: ready')) resolve(child);
    });
    child.once('exit', (code) => reject(new Error(`a worker exited (${code}) before it was ready:\n${text}`)));
  });
}

async function stopWorkers(workers: ChildProcess[]): Promise<void> {
  await Promise.all(
    workers.map(
      (child) =>
        new Promise<void>((resolve) => {
          child.once('exit', () => resolve());
          child.kill('SIGTERM');
        }),
    ),
  );
}

const load = (): string =>
  os
    .loadavg()
    .map((value) => value.toFixed(2))
    .join(' ');
console.log(
  `bench:queue: ${RUNS} runs of a 3-node workflow (logs on), ${IN_FLIGHT} in flight, median of ${ROUNDS} rounds; ${os.cpus().length} cores, load ${load()}`,
);

const dataDir = await mkdtemp(path.join(os.tmpdir(), 'operon-bench-queue-'));
const redis = await startRedisServer();
const host = await createHost({ dataDir, workspace: WORKSPACE, env: {}, registry });
const deps = { host: () => Promise.resolve(host), runsChanged: () => undefined };
const single = createRunLauncher(deps);
const connection = connectRedis(redis.url, 'bench serving host');
const queued = createQueuedRunLauncher({ ...deps, connection, local: createRunLauncher(deps) });
await queued.ready;
const rows: { mode: string; perSecond: number }[] = [];
try {
  await throughput(single, 50, IN_FLIGHT); // warm-up
  const singleSeconds: number[] = [];
  for (let round = 0; round < ROUNDS; round++) singleSeconds.push(await throughput(single, RUNS, IN_FLIGHT));
  rows.push({ mode: 'single process', perSecond: RUNS / median(singleSeconds) });
  console.log(`  single process           ${(RUNS / median(singleSeconds)).toFixed(0)} runs/s`);

  let workers: ChildProcess[] = [];
  for (const count of WORKER_COUNTS) {
    while (workers.length < count) workers.push(await startWorker(dataDir, redis.url));
    await throughput(queued, 50, IN_FLIGHT); // warm-up of new workers
    const seconds: number[] = [];
    for (let round = 0; round < ROUNDS; round++) seconds.push(await throughput(queued, RUNS, IN_FLIGHT));
    const perSecond = RUNS / median(seconds);
    rows.push({ mode: `queue, ${count} ${count === 1 ? 'worker' : 'workers'}`, perSecond });
    console.log(`  queue, ${count} ${count === 1 ? 'worker ' : 'workers'}        ${perSecond.toFixed(0)} runs/s`);
    if (count === 1) {
      const local = await latencies(single, LATENCY_RUNS);
      const viaQueue = await latencies(queued, LATENCY_RUNS);
      const [p50a, p99a, p50b, p99b] = [percentile(local, 50), percentile(local, 99), percentile(viaQueue, 50), percentile(viaQueue, 99)];
      console.log(
        `  one run at a time: single process p50 ${p50a.toFixed(1)} ms p99 ${p99a.toFixed(1)} ms; queue p50 ${p50b.toFixed(1)} ms p99 ${p99b.toFixed(1)} ms; added by the queue p50 ${(p50b - p50a).toFixed(1)} ms p99 ${(p99b - p99a).toFixed(1)} ms`,
      );
    }
  }
  await stopWorkers(workers);
  workers = [];
} finally {
  await queued.close();
  await closeRedis(connection);
  await host.close();
  await redis.close();
  await rm(dataDir, { recursive: true, force: true });
}
console.log(`load after: ${load()}`);
