/**
 * Webhook-triggered runs over loopback: `npm run bench:triggers` (node bench/triggers-bench.ts).
 *
 * A benchmark, not a test: it prints figures and fails only when an answer is wrong. A webhook-triggered 3-node
 * workflow (Webhook -> Transform -> Output, respond whenDone, run logs on disk) is served by `operon serve`'s HTTP server
 * in a child process (triggers-server.ts); this process sends `POST /hooks/...` with a token, each body `{ a: 1, n }`, and
 * checks every answer is the run's output `{ n, sum }`. A bare node:http server answering the same request the same way
 * is measured alike, so what loopback HTTP and this client cost anyway is subtracted: "added by Operon" is the
 * difference. Then runs per second sustained at concurrency 1, 16 and 64, and an audit of the runs folder: every answer's
 * run id exactly once, succeeded, no run without an answer (lost and duplicated runs). Load average before and after:
 * on a shared machine, quote the figures with it.
 *
 *   --requests N   requests per concurrency level (default 2000)
 *   --latency N    sequential requests for the latency figures (default 1000)
 *   --warmup N     requests first, not measured (default 300)
 *   --dir PATH     where the temporary data folder goes (default: the system temp dir)
 *   --cpu-prof     profile the Operon server (a .cpuprofile in the current folder)
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { webhookPath } from '../src-shared/triggers/webhook.ts';
import { BENCH_PATH, BENCH_SECRET, BENCH_WORKFLOW, BENCH_WORKSPACE, benchServer } from './triggers-server.ts';
import { load, percentile, type Answer } from './triggers-client.ts';

/** The goals on the 2-core machine. */
const GOAL_ADDED_P50_MS = 10;
const GOAL_RUNS_PER_SECOND_C16 = 500;
const LEVELS = [1, 16, 64];

const { values: args } = parseArgs({
  options: {
    requests: { type: 'string', default: '2000' },
    latency: { type: 'string', default: '1000' },
    warmup: { type: 'string', default: '300' },
    dir: { type: 'string', default: os.tmpdir() },
    'cpu-prof': { type: 'boolean', default: false },
    serve: { type: 'string' },
    data: { type: 'string', default: '' },
  },
});

interface Measured {
  p50: number;
  p99: number;
  perSecond: Map<number, number>;
  answers: Answer[];
}

async function measure(kind: 'bare' | 'operon', dataDir: string): Promise<Measured> {
  const child = spawn(
    process.execPath,
    [...(kind === 'operon' && args['cpu-prof'] ? ['--cpu-prof'] : []), import.meta.filename, '--serve', kind, '--data', dataDir],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const port = Number(await line(child, /^READY (\d+)$/));
  const options = {
    port,
    path: webhookPath(BENCH_WORKSPACE, BENCH_WORKFLOW, BENCH_PATH),
    headers: { 'x-operon-token': BENCH_SECRET },
  };
  const answers: Answer[] = [];
  let n = 0;
  const run = async (concurrency: number, count: number): Promise<{ answers: Answer[]; ms: number }> => {
    const done = await load({ ...options, concurrency, count, firstN: n });
    n += count;
    answers.push(...done.answers);
    return done;
  };
  process.stderr.write(
    `${kind}: ${args.warmup} warm-up, ${args.latency} one at a time, then ${args.requests} at each of ${LEVELS.join(', ')}…\n`,
  );
  await run(4, Number(args.warmup));
  const sequential = await run(1, Number(args.latency));
  const perSecond = new Map<number, number>();
  for (const concurrency of LEVELS) {
    const done = await run(concurrency, Number(args.requests));
    perSecond.set(concurrency, done.answers.length / (done.ms / 1000));
  }
  child.kill('SIGTERM');
  await line(child, /^STOPPED$/);
  const times = sequential.answers.map((answer) => answer.ms);
  return { p50: percentile(times, 50), p99: percentile(times, 99), perSecond, answers };
}

/** Resolves with the first group of the first stdout line matching `pattern`. */
function line(child: ChildProcess, pattern: RegExp): Promise<string> {
  return new Promise((resolve, reject) => {
    let buffered = '';
    const onData = (chunk: Buffer): void => {
      buffered += chunk.toString('utf8');
      for (const each of buffered.split('\n')) {
        const match = pattern.exec(each.trim());
        if (match === null) continue;
        child.stdout?.off('data', onData);
        resolve(match[1] ?? match[0]);
        return;
      }
    };
    child.stdout?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`the bench server exited (${code}) before printing ${pattern}`)));
  });
}

/** Every answer's run once, succeeded, and no run without an answer. */
async function audit(answers: Answer[], dataDir: string): Promise<{ lost: number; duplicated: number; failed: number; runs: number }> {
  const runsDir = path.join(dataDir, 'workspaces', BENCH_WORKSPACE, 'runs');
  const byN = new Map<number, number>();
  const status = new Map<string, string>();
  for (const runId of await readdir(runsDir)) {
    const doc = JSON.parse(await readFile(path.join(runsDir, runId, 'run.json'), 'utf8')) as {
      status: string;
      trigger?: { payload?: { body?: { n?: number } } };
    };
    status.set(runId, doc.status);
    const n = doc.trigger?.payload?.body?.n ?? -1;
    byN.set(n, (byN.get(n) ?? 0) + 1);
  }
  const answered = answers.filter((answer) => answer.status === 200 && answer.right && answer.runId !== undefined);
  const lost = answers.length - answered.filter((answer) => status.has(answer.runId!)).length;
  // A request that started two runs shows as one `n` in two run.json files.
  const duplicated = [...byN.values()].reduce((sum, count) => sum + Math.max(0, count - 1), 0);
  const failed = [...status.values()].filter((each) => each !== 'succeeded').length;
  return { lost, duplicated, failed, runs: status.size };
}

const fmt = (ms: number): string => ms.toFixed(2);
const loadAverage = (): string =>
  os
    .loadavg()
    .map((value) => value.toFixed(2))
    .join(' ');

async function main(): Promise<void> {
  const cpus = os.cpus();
  console.log(`# Operon triggers bench\n`);
  console.log(
    `machine: ${cpus.length} × ${cpus[0]?.model ?? 'unknown CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.type()} ${os.release()}`,
  );
  console.log(`node ${process.version}; data dir under ${args.dir}; load average before: ${loadAverage()}\n`);
  const root = await mkdtemp(path.join(args.dir, 'operon-triggers-bench-'));
  try {
    const bare = await measure('bare', root);
    const operon = await measure('operon', root);
    const wrong = operon.answers.filter((answer) => answer.status !== 200 || !answer.right);
    const counts = await audit(operon.answers, root);
    const added = { p50: operon.p50 - bare.p50, p99: operon.p99 - bare.p99 };
    console.log(`Latency, ${args.latency} requests one at a time (ms):\n`);
    console.log('| server | p50 | p99 |\n|---|---:|---:|');
    console.log(`| bare node:http | ${fmt(bare.p50)} | ${fmt(bare.p99)} |`);
    console.log(`| Operon (webhook, 3-node run, logs on disk, whenDone) | ${fmt(operon.p50)} | ${fmt(operon.p99)} |`);
    console.log(`| **added by Operon** | **${fmt(added.p50)}** | **${fmt(added.p99)}** |\n`);
    console.log(`Sustained, ${args.requests} requests at each concurrency (answers a second):\n`);
    console.log(`| concurrency | bare node:http | Operon runs/s |\n|---:|---:|---:|`);
    for (const level of LEVELS)
      console.log(`| ${level} | ${Math.round(bare.perSecond.get(level) ?? 0)} | ${Math.round(operon.perSecond.get(level) ?? 0)} |`);
    console.log(
      `\nRuns audited: ${counts.runs} in the runs folder for ${operon.answers.length} requests; lost ${counts.lost}, duplicated ${counts.duplicated}, not succeeded ${counts.failed}; wrong answers ${wrong.length}.`,
    );
    console.log(
      `Goal: p50 added under ${GOAL_ADDED_P50_MS} ms (${added.p50 < GOAL_ADDED_P50_MS ? 'met' : 'not met'}), at least ${GOAL_RUNS_PER_SECOND_C16} runs/s at concurrency 16 (${(operon.perSecond.get(16) ?? 0) >= GOAL_RUNS_PER_SECOND_C16 ? 'met' : 'not met'}). n8n's single instance is quoted at 20-50 ms a run and about 220 runs/s.`,
    );
    console.log(`load average after: ${loadAverage()}`);
    if (wrong.length > 0 || counts.lost > 0 || counts.duplicated > 0 || counts.failed > 0) process.exitCode = 1;
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

if (args.serve === undefined) await main();
else await benchServer(args.serve, args.data);
