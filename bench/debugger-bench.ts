/**
 * How fast the run debugger reads a big run: `npm run bench:debugger` (node bench/debugger-bench.ts).
 *
 * A benchmark, not a test: it prints figures and fails only when an answer is wrong. It records two runs of a
 * fan-out of --nodes transforms (10,000 by default) in a temporary data dir, then times, through the same API
 * handlers `operon serve` uses (no socket), what the editor asks when a person opens such a run: the timeline
 * (every node's spans), one node's trace (read on demand from its own log), the first page of events, and a
 * comparison of the two runs. Medians of --runs calls after one warm-up.
 *
 *   --nodes N   nodes in the fan-out (default 10000)
 *   --runs N    measured calls per question (default 5)
 *   --dir PATH  where the temporary data dir goes (default: the system temp dir)
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createBuiltinRegistry } from '../src-shared/nodes/builtin.ts';
import { createHost } from '../src-main/host/host.ts';
import { createApiHandlers } from '../src-main/host/api/api-handlers.ts';
import { BENCH_INPUTS, fanOutWorkflow } from './bench-workflows.ts';

const { values: args } = parseArgs({
  options: {
    nodes: { type: 'string', default: '10000' },
    runs: { type: 'string', default: '5' },
    dir: { type: 'string', default: os.tmpdir() },
  },
});
const width = Number(args.nodes);
const runs = Number(args.runs);

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? Number.NaN) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

async function time(label: string, call: () => Promise<unknown>, check: (answer: unknown) => string | undefined) {
  const problem = check(await call()); // warm-up, and the answer must be right
  if (problem !== undefined) throw new Error(`${label}: ${problem}`);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await call();
    times.push(performance.now() - started);
  }
  const value = median(times);
  console.log(`| ${label.padEnd(44)} | ${(value < 10 ? value.toFixed(1) : Math.round(value).toString()).padStart(8)} ms |`);
}

async function main(): Promise<void> {
  const dataDir = await mkdtemp(path.join(args.dir, 'operon-debugger-bench-'));
  try {
    const registry = createBuiltinRegistry();
    const bench = fanOutWorkflow(width, 64);
    process.stderr.write(`recording two runs of ${bench.nodes} nodes in ${dataDir}…\n`);
    const host = await createHost({ dataDir, workspace: 'default', env: {}, registry });
    const runIds: string[] = [];
    for (const n of [BENCH_INPUTS.n, BENCH_INPUTS.n + 1]) {
      const handle = await host.startRun({ workflow: bench.workflow, inputs: { n } });
      const result = await handle.result;
      if (result.status !== 'succeeded') throw new Error(`bench run ${handle.runId} ended ${result.status}`);
      runIds.push(handle.runId);
    }
    await host.close();
    const [a, b] = runIds as [string, string];
    const api = createApiHandlers({ dataDir, env: {}, registry });
    const connection = api.connect({ push: () => undefined, backlog: () => 0 }); // answers only: no watches
    console.log(`# Operon debugger bench\n\nA fan-out of ${bench.nodes.toLocaleString('en-US')} nodes; medians of ${runs} calls.\n`);
    console.log(`| ${'question'.padEnd(44)} | ${'median'.padStart(11)} |\n|${'-'.repeat(46)}|${'-'.repeat(13)}|`);
    const rows = (answer: unknown) => (answer as { rows: unknown[] }).rows.length;
    await time(
      'runs.timeline (every node)',
      () => connection.handle('runs.timeline', { runId: a }),
      (answer) => (rows(answer) === bench.nodes ? undefined : `expected ${bench.nodes} rows, got ${rows(answer)}`),
    );
    await time(
      `runs.trace (node f${Math.ceil(width / 2)})`,
      () => connection.handle('runs.trace', { runId: a, nodeId: `f${Math.ceil(width / 2)}` }),
      (answer) => {
        const count = (answer as { events: unknown[] }).events.length;
        return count >= 3 ? undefined : `expected the node's events, got ${count}`;
      },
    );
    await time(
      'runs.events (first page of 500)',
      () => connection.handle('runs.events', { runId: a }),
      (answer) => ((answer as { events: unknown[] }).events.length === 500 ? undefined : 'expected a page of 500 events'),
    );
    const middle = Math.floor((3 * bench.nodes) / 2);
    await time(
      `runs.events (page of 500 from seq ${middle.toLocaleString('en-US')})`,
      () => connection.handle('runs.events', { runId: a, fromSeq: middle }),
      (answer) =>
        (answer as { events: { seq: number }[] }).events[0]?.seq === middle ? undefined : `expected the page to start at ${middle}`,
    );
    await time(
      'runs.compare (two runs, different inputs)',
      () => connection.handle('runs.compare', { a, b }),
      (answer) => {
        const nodes = (answer as { nodes: { outputs: string }[] }).nodes;
        const differ = nodes.filter((node) => node.outputs === 'different').length;
        return differ === bench.nodes ? undefined : `expected every node's outputs to differ, got ${differ}`;
      },
    );
    await api.close();
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

await main();
