import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { RunResult } from '../src-shared/engine/api.ts';
import { createEngine } from '../src-shared/engine/engine.ts';
import { createBuiltinRegistry } from '../src-shared/nodes/builtin.ts';
import { createHost } from '../src-main/host/host.ts';
import { createNodeServices } from '../src-main/host/node-services.ts';
import { workspacePaths } from '../src-main/services/data-dir.ts';
import { EVENTS_FILE, NODES_DIR } from '../src-main/services/run-log/run-layout.ts';
import { HeapProbe, type MemoryPeak } from './bench-memory.ts';
import { BENCH_INPUTS, type BenchWorkflow } from './bench-workflows.ts';

/** How the engine's events are consumed: written to disk by a real host, or dropped. */
export type LogMode = 'on' | 'off';

/** One measured run: times in milliseconds and peak memory. */
export interface RunMeasure {
  /** startRun → result resolved (with logs on, the host has flushed the run's lines by then). */
  runMs: number;
  /** runMs plus host.close(); equals runMs with logs off. */
  totalMs: number;
  memory: MemoryPeak;
  /** RSS when the run started and its peak, sampled every 10 ms by the parent process (Linux), in bytes. */
  rss?: { start: number; peak: number } | undefined;
}

/** Called around the measured span (outside the timing), so the parent can sample RSS over exactly that span. */
export interface RunHooks {
  begin(): void;
  end(): void;
}

const WORKSPACE = 'bench';

/**
 * Runs `bench` once in a fresh data dir under `rootDir` and checks what it did: status, totals and outputs, and with
 * logs on the lines on disk (after the timed span). The data dir is left for the caller to delete with `rootDir` at the
 * end: deleting 10,000 files between runs would slow the file creation of the next run.
 */
export async function runOnce(bench: BenchWorkflow, mode: LogMode, rootDir: string, hooks: RunHooks): Promise<RunMeasure> {
  const dataDir = await mkdtemp(path.join(rootDir, `${mode}-`));
  return mode === 'on' ? runWithLogs(bench, dataDir, hooks) : runWithoutLogs(bench, dataDir, hooks);
}

async function runWithLogs(bench: BenchWorkflow, dataDir: string, hooks: RunHooks): Promise<RunMeasure> {
  const host = await createHost({ dataDir, workspace: WORKSPACE, env: {}, registry: createBuiltinRegistry() });
  const probe = new HeapProbe();
  probe.start();
  hooks.begin();
  const started = performance.now();
  const handle = await host.startRun({ workflow: bench.workflow, inputs: { ...BENCH_INPUTS }, onEvent: probe.onEvent });
  const result = await handle.result;
  const ran = performance.now();
  await host.close();
  const closed = performance.now();
  hooks.end();
  const memory = probe.stop();
  checkResult(bench, result);
  await checkLogs(bench, path.join(host.paths.runs, result.runId));
  return { runMs: ran - started, totalMs: closed - started, memory };
}

/** The engine alone: services from createNodeServices, events dropped (only counted, for the memory samples). */
async function runWithoutLogs(bench: BenchWorkflow, dataDir: string, hooks: RunHooks): Promise<RunMeasure> {
  const registry = createBuiltinRegistry();
  const { services, close } = await createNodeServices({
    dataDir,
    workspace: WORKSPACE,
    paths: workspacePaths(dataDir, WORKSPACE),
    env: {},
  });
  const workflows = { load: () => Promise.reject(new Error('the bench workflows call no sub-workflows')) };
  const engine = createEngine({ registry, services: { ...services, workflows } });
  const probe = new HeapProbe();
  probe.start();
  hooks.begin();
  const started = performance.now();
  const result = await engine.run({
    workflow: bench.workflow,
    inputs: { ...BENCH_INPUTS },
    trigger: { type: 'manual' },
    onEvent: probe.onEvent,
  }).result;
  const ran = performance.now();
  hooks.end();
  const memory = probe.stop();
  // Not timed: the host closes its services (the expression sandbox's worker pool among them) after every run.
  await close();
  checkResult(bench, result);
  return { runMs: ran - started, totalMs: ran - started, memory };
}

function checkResult(bench: BenchWorkflow, result: RunResult): void {
  const problems: string[] = [];
  if (result.status !== 'succeeded')
    problems.push(`status ${result.status}${result.error === undefined ? '' : `: ${result.error.message}`}`);
  if (result.totals.succeeded !== bench.nodes) problems.push(`${result.totals.succeeded} of ${bench.nodes} nodes succeeded`);
  if (JSON.stringify(result.outputs) !== JSON.stringify(bench.outputs))
    problems.push(`outputs ${JSON.stringify(result.outputs)}, expected ${JSON.stringify(bench.outputs)}`);
  if (problems.length > 0) throw new Error(`${bench.workflow.id}: ${problems.join('; ')}`);
}

/** The logs are really on disk: every event in events.jsonl, one file per node. Not timed. */
async function checkLogs(bench: BenchWorkflow, runDir: string): Promise<void> {
  const text = await readFile(path.join(runDir, EVENTS_FILE), 'utf8');
  let lines = 0;
  for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) lines++;
  const nodeFiles = (await readdir(path.join(runDir, NODES_DIR))).length;
  if (lines !== bench.events || nodeFiles !== bench.nodes) {
    throw new Error(
      `${bench.workflow.id}: events.jsonl has ${lines} lines (expected ${bench.events}), nodes/ has ${nodeFiles} files (expected ${bench.nodes})`,
    );
  }
}
