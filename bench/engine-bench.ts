/**
 * Engine throughput with the run logs on: `npm run bench` (node --expose-gc bench/engine-bench.ts).
 *
 * A benchmark, not a test: it prints figures and fails only when a run goes wrong. Each scenario and log mode runs in
 * its own child process (so peak RSS and the JIT state of one do not leak into the next): 1 warm-up, then --runs
 * measured runs, each in a fresh data dir under one temporary folder in --dir (default: the system temp dir), deleted
 * at the end. The parent samples each child's RSS every 10 ms from /proc (Linux).
 *
 *   --runs N      measured runs per scenario and mode (default 5)
 *   --warmup N    warm-up runs (default 1)
 *   --dir PATH    where the temporary data dirs go (its file system matters: compare a disk with /dev/shm)
 *   --only TEXT   only the scenarios whose id contains TEXT
 *   --raw         also print every measured run's time
 */
import { spawn } from 'node:child_process';
import { rmSync, statfsSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { renderGoal, renderLogCost, renderRaw, renderTable, type BenchCase, type CaseResult } from './bench-report.ts';
import { RssSampler } from './bench-memory.ts';
import { measureExpressionCost, renderExpressionCost } from './expression-cost.ts';
import { runOnce, type LogMode, type RunMeasure } from './bench-run.ts';
import { appendChainWorkflow, chainWorkflow, fanOutWorkflow, type BenchWorkflow } from './bench-workflows.ts';

/** The goal: nodes per second with logs on, on the 2-core machine. */
const GOAL_NODES_PER_SECOND = 10_000;

const CASES: (BenchCase & { build: () => BenchWorkflow })[] = [
  { id: 'chain-1000', label: 'chain of 1,000 transforms', build: () => chainWorkflow(1_000) },
  // The transforms do no I/O, so concurrency only sets how many nodes are in flight at once: throughput is flat from
  // 1 to 256 and drops about a quarter at 1,024 (more live timers and abort listeners). 64 is in the flat range and
  // high enough that the scheduler would not be the limit for I/O-bound nodes; 8 is the default.
  { id: 'fan-out-10000-c64', label: 'fan-out of 10,000, concurrency 64', build: () => fanOutWorkflow(10_000, 64) },
  { id: 'fan-out-10000-c8', label: 'fan-out of 10,000, concurrency 8', build: () => fanOutWorkflow(10_000, 8) },
  // Side effects: each Write file (append) has its start stored before it writes. Compare with main for that flush.
  { id: 'append-chain-200', label: 'chain of 200 Write file (append)', build: () => appendChainWorkflow(200), noGoal: true },
];

const { values: args } = parseArgs({
  options: {
    runs: { type: 'string', default: '5' },
    warmup: { type: 'string', default: '1' },
    dir: { type: 'string', default: os.tmpdir() },
    only: { type: 'string', default: '' },
    raw: { type: 'boolean', default: false },
    child: { type: 'string' },
    mode: { type: 'string', default: 'on' },
  },
});
const runs = Number(args.runs);
const warmup = Number(args.warmup);

async function main(): Promise<void> {
  if (globalThis.gc === undefined) console.warn('note: run with --expose-gc (npm run bench does) so each run starts after a full GC');
  const cases = CASES.filter((c) => c.id.includes(args.only));
  console.log(`# Operon engine bench\n\n${machine()}\n`);
  const root = await mkdtemp(path.join(args.dir, 'operon-bench-'));
  const removeRoot = (): void => rmSync(root, { recursive: true, force: true });
  process.once('SIGINT', () => {
    removeRoot();
    process.exit(130);
  });
  const results: CaseResult[] = [];
  try {
    for (const benchCase of cases) {
      for (const mode of ['on', 'off'] as const) {
        process.stderr.write(`running ${benchCase.id}, logs ${mode}: ${warmup} warm-up + ${runs} measured…\n`);
        results.push(await spawnChild(benchCase.id, mode, root));
      }
    }
  } finally {
    process.stderr.write(`deleting ${root}…\n`);
    removeRoot();
  }
  console.log(
    `Medians of ${runs} runs after ${warmup} warm-up; "to result" is startRun → result resolved (the host has flushed the run's lines by then),`,
  );
  console.log('"incl. close" adds host.close(). RSS peak: sampled every 10 ms from /proc by the parent, with the growth over the RSS at');
  console.log(
    "the start of the run; maxRSS: the kernel's peak for the run; heap peak: heapUsed sampled every 10 ms and every 1,024 events.\n",
  );
  console.log(renderTable(cases, results));
  if (args.raw) console.log(`\n${renderRaw(cases, results).join('\n')}`);
  console.log('');
  for (const line of renderLogCost(cases, results)) console.log(line);
  console.log('');
  for (const line of renderGoal(cases, results, GOAL_NODES_PER_SECOND)) console.log(line);
  // After the scenarios, in this process: the children are gone, so nothing else of the bench competes for the cores.
  console.log(`\n${renderExpressionCost(await measureExpressionCost())}`);
  const validate = results.filter((r) => r.mode === 'on').map((r) => `${r.caseId} ${Math.round(r.validateMs)} ms`);
  console.log(`\nvalidateWorkflow (not timed above): ${validate.join(', ')}. Load average after: ${loadAverage()}.`);
}

/** Messages a child sends its parent over IPC: marks around each measured span, then its result. */
type ChildMessage = { kind: 'begin' } | { kind: 'end'; measured: boolean } | { kind: 'result'; result: CaseResult };

/** Measures one scenario in one mode (its data dirs under `root`) and sends the CaseResult to the parent. */
async function child(caseId: string, mode: LogMode, root: string): Promise<void> {
  const benchCase = CASES.find((c) => c.id === caseId);
  if (benchCase === undefined || process.send === undefined)
    throw new Error(`unknown scenario ${caseId}, or not started by engine-bench.ts`);
  const send = (message: ChildMessage): void => void process.send?.(message);
  const bench = benchCase.build();
  const measured: RunMeasure[] = [];
  for (let i = 0; i < warmup + runs; i++) {
    const counted = i >= warmup;
    const run = await runOnce(bench, mode, root, {
      begin: () => send({ kind: 'begin' }),
      end: () => send({ kind: 'end', measured: counted }),
    });
    if (counted) measured.push(run);
  }
  const result: CaseResult = {
    caseId,
    mode,
    nodes: bench.nodes,
    validateMs: bench.validateMs,
    runs: measured,
  };
  send({ kind: 'result', result });
  process.disconnect();
}

/** Runs one child and fills in the RSS peaks it sampled from outside. */
function spawnChild(caseId: string, mode: LogMode, root: string): Promise<CaseResult> {
  const childArgs = [
    ...process.execArgv,
    import.meta.filename,
    '--child',
    caseId,
    '--mode',
    mode,
    '--runs',
    String(runs),
    '--warmup',
    String(warmup),
    '--dir',
    root,
  ];
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, childArgs, { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    const sampler = proc.pid === undefined ? undefined : new RssSampler(proc.pid);
    const windows: RunMeasure['rss'][] = [];
    let result: CaseResult | undefined;
    proc.on('message', (message: ChildMessage) => {
      if (message.kind === 'begin') sampler?.begin();
      else if (message.kind === 'end') {
        const window = sampler?.end();
        if (message.measured) windows.push(window);
      } else result = message.result;
    });
    proc.on('error', reject);
    proc.on('close', (code) => {
      sampler?.stop();
      if (code !== 0 || result === undefined) {
        reject(new Error(`${caseId} (logs ${mode}) exited with code ${String(code)}`));
        return;
      }
      result.runs.forEach((run, i) => (run.rss = windows[i]));
      resolve(result);
    });
  });
}

function machine(): string {
  const cpus = os.cpus();
  return [
    `machine: ${cpus.length} × ${cpus[0]?.model ?? 'unknown CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.type()} ${os.release()}`,
    `node ${process.version}; data dirs under ${args.dir} (${fileSystem(args.dir)}); load average before: ${loadAverage()}`,
  ].join('\n');
}

const FS_TYPES: Record<number, string> = {
  0xef53: 'ext4',
  0x01021994: 'tmpfs',
  0x58465342: 'xfs',
  0x9123683e: 'btrfs',
  0x794c7630: 'overlayfs',
};

function fileSystem(dir: string): string {
  try {
    const type = statfsSync(dir).type;
    return FS_TYPES[type] ?? `fs type 0x${type.toString(16)}`;
  } catch {
    return 'unknown fs';
  }
}

function loadAverage(): string {
  return os
    .loadavg()
    .map((load) => load.toFixed(2))
    .join(' ');
}

if (args.child === undefined) await main();
else await child(args.child, args.mode === 'off' ? 'off' : 'on', args.dir);
