/**
 * How fast `operon` starts and finishes: `npm run bench:cli` (node bench/cli-bench.ts).
 *
 * A benchmark, not a test: it prints figures and fails only when a command goes wrong. It runs the built CLI as a
 * person does (`bin/operon.js`, which loads out/cli/; `npm run build` first) and times each whole process, from spawn to
 * exit: `--help`, `validate` and `run --json` of the diamond example, and `memory search` over 1,000 notes (stored once,
 * in process, in a temporary data folder). Beside them, Node starting alone, and Rivet's rivet-node running a 3-node
 * graph when RIVET_NODE_DIR names a folder where it is installed (see cli-rivet-peer.ts); otherwise a plain "skipped"
 * line. One warm-up of each (it also fills Node's compile cache, as any earlier use would), then --runs rounds, each
 * running every command once in turn, so a change in the machine's load touches them all alike. Medians, with the
 * load average before and after: on a shared machine, quote the figures with it.
 *
 *   --runs N    measured runs of each command (default 20)
 *   --dir PATH  where the temporary data folder goes (default: the system temp dir)
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { benchNotes, seedNotes } from './cli-notes.ts';
import { findRivet, RIVET_ANSWER, writeRivetRunner } from './cli-rivet-peer.ts';

const { values: args } = parseArgs({
  options: { runs: { type: 'string', default: '20' }, dir: { type: 'string', default: os.tmpdir() } },
});
const runs = Number(args.runs);
const root = path.resolve(import.meta.dirname, '..');
const BIN = path.join(root, 'bin/operon.js');
const DIAMOND = path.join(root, 'resources/examples/diamond.operon.json');

interface Case {
  label: string;
  command: string;
  args: string[];
  /** What stdout must hold: a wrong answer stops the bench. */
  answer: RegExp;
  goalMs?: number;
}

/** Spawns the command and resolves with its wall time; rejects on a non-zero exit or a wrong answer. */
function timeOnce(item: Case, env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(item.command, item.args, { cwd: os.tmpdir(), env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.once('error', reject);
    child.once('close', (code) => {
      const ms = performance.now() - started;
      if (code === 0 && item.answer.test(stdout)) resolve(ms);
      else reject(new Error(`${item.label}: exit ${code}, stdout ${stdout.slice(0, 300)}\nstderr ${stderr.slice(0, 600)}`));
    });
  });
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? Number.NaN) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

const load = (): string =>
  os
    .loadavg()
    .map((value) => value.toFixed(2))
    .join(' ');

async function main(): Promise<void> {
  if (!existsSync(path.join(root, 'out/cli/main.js'))) throw new Error('no built CLI in out/cli/: run `npm run build` first');
  const dataDir = await mkdtemp(path.join(args.dir, 'operon-cli-bench-'));
  try {
    const env: NodeJS.ProcessEnv = { NO_COLOR: '1' };
    for (const [key, value] of Object.entries(process.env)) if (!key.startsWith('OPERON_') && key !== 'FORCE_COLOR') env[key] = value;
    const notes = benchNotes();
    process.stderr.write(`storing ${notes.length.toLocaleString('en')} notes in ${dataDir}…\n`);
    await seedNotes(dataDir, notes);

    const operon = (...rest: string[]): string[] => [BIN, '--data-dir', dataDir, ...rest];
    const cases: Case[] = [
      { label: 'node -e 0 (Node alone)', command: process.execPath, args: ['-e', '0'], answer: /^$/ },
      { label: 'operon --help', command: process.execPath, args: operon('--help'), answer: /^Usage: operon/, goalMs: 150 },
      { label: 'operon validate diamond', command: process.execPath, args: operon('validate', DIAMOND), answer: /valid/ },
      {
        label: 'operon run diamond --json',
        command: process.execPath,
        args: operon('run', DIAMOND, '--json'),
        answer: /"status":"succeeded"/,
        goalMs: 300,
      },
      {
        label: `operon memory search (${notes.length.toLocaleString('en')} notes)`,
        command: process.execPath,
        args: operon('memory', 'search', 'car maintenance before winter', '--json'),
        answer: /"text":"The car /,
      },
    ];
    const rivet = findRivet(process.env);
    if ('dir' in rivet) {
      const runner = await writeRivetRunner(rivet.dir);
      cases.push({ label: 'rivet-node: a 3-node graph', command: process.execPath, args: [runner], answer: RIVET_ANSWER });
    }

    process.stderr.write('warming up…\n');
    for (const item of cases) await timeOnce(item, env);
    const loadBefore = load();
    const times = new Map<Case, number[]>(cases.map((item) => [item, []]));
    for (let round = 0; round < runs; round++) {
      for (const item of cases) times.get(item)?.push(await timeOnce(item, env));
      process.stderr.write(`  round ${round + 1}/${runs}\n`);
    }
    const loadAfter = load();

    const medians = new Map(cases.map((item) => [item, median(times.get(item) ?? [])]));
    const rivetMs = [...medians].find(([item]) => item.label.startsWith('rivet-node'))?.[1];
    console.log(`\noperon CLI, whole process from spawn to exit: median of ${runs} (Node ${process.version}, ${os.cpus().length} cores)`);
    console.log(`load average (1, 5, 15 min): ${loadBefore} before, ${loadAfter} after\n`);
    console.log(`| ${'command'.padEnd(34)} |  median |     min | goal            | × rivet-node |`);
    console.log(`| ${'-'.repeat(34)} | ------: | ------: | --------------- | -----------: |`);
    for (const item of cases) {
      const value = medians.get(item) ?? Number.NaN;
      const min = Math.min(...(times.get(item) ?? []));
      const goal = item.goalMs === undefined ? '' : `≤ ${item.goalMs} ms ${value <= item.goalMs ? 'met' : 'missed'}`;
      const ratio = rivetMs === undefined ? '' : `${(value / rivetMs).toFixed(2)}×`;
      console.log(
        `| ${item.label.padEnd(34)} | ${`${Math.round(value)} ms`.padStart(7)} | ${`${Math.round(min)} ms`.padStart(7)} | ${goal.padEnd(15)} | ${ratio.padStart(12)} |`,
      );
    }
    if ('skipped' in rivet) console.log(`\nrivet-node: skipped: ${rivet.skipped}`);
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

await main();
