import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EngineEvent, EventOf } from '../../src-shared/engine/events.ts';
import {
  listFiles,
  makeDataDir,
  makeTempDir,
  readJsonLines,
  readRunLogs,
  removeTempDirs,
  runIds,
  startCli,
  writeWorkflow,
  type CliResult,
  type RunLogs,
} from './testing/run-cli.ts';

// Ctrl-C (and SIGTERM) while a node runs: the run ends cancelled, quickly, with whole log lines.

afterAll(removeTempDirs);

/** How long the delay node runs before the signal. */
const RAN_MS = 300;

async function slowWorkflow(): Promise<string> {
  return writeWorkflow(await makeTempDir(), 'slow', {
    nodes: [
      { id: 'start', type: 'core.manual-trigger' },
      { id: 'wait', type: 'core.delay', config: { ms: 60_000 } },
      { id: 'result', type: 'core.output', config: { name: 'done' } },
    ],
    edges: [
      ['start.out', 'wait.in'],
      ['wait.out', 'result.in'],
    ],
  });
}

describe.each(['SIGINT', 'SIGTERM'] as const)('%s during a 60 s delay', (signal) => {
  let result: CliResult;
  let exitMs: number;
  let logs: RunLogs;

  beforeAll(async () => {
    const dataDir = await makeDataDir();
    const cli = startCli(dataDir, ['run', await slowWorkflow()], { timeoutMs: 30_000 });
    await cli.waitForStderr(/wait: started/);
    await new Promise((resolve) => setTimeout(resolve, RAN_MS));
    const sentAt = Date.now();
    cli.child.kill(signal);
    result = await cli.exited;
    exitMs = Date.now() - sentAt;
    const [runId] = await runIds(dataDir);
    logs = await readRunLogs(dataDir, runId ?? '');
  });

  it('exits 1 within seconds, saying the run was cancelled', () => {
    expect(exitMs).toBeLessThan(5_000);
    expect(result.signal).toBeNull(); // it handled the signal and exited on its own
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`${signal === 'SIGINT' ? 'Ctrl-C' : 'SIGTERM'}: cancelling the run`);
    expect(result.stderr).toMatch(/run cancelled in \d+ ms/);
    expect(result.stdout).toContain('cancelled');
    // The summary counts the delay node the cancel stopped as cancelled, not failed.
    expect(result.stdout).toMatch(/3 nodes: 1 succeeded, 1 cancelled/);
    expect(result.stdout).not.toContain('failed');
    expect(result.stderr).toMatch(/wait: cancelled in \d+ ms/);
  });

  it('leaves run.json cancelled and whole, parseable log lines ending in run.finished', async () => {
    const { dir, run, events } = logs;
    expect(run.status).toBe('cancelled');
    expect(run.endedAt).toBeDefined();
    for (const file of (await listFiles(dir)).filter((name) => name.endsWith('.jsonl'))) await readJsonLines(file);
    expect(events.at(-1)).toMatchObject({ type: 'run.finished', status: 'cancelled', error: { code: 'OPR-104' } });
    expect(events.some((event) => event.type === 'node.started' && event.nodeId === 'result')).toBe(false);
    expect(finishedEvent(events, 'wait')).toMatchObject({ status: 'failed' });
  });

  it('records how long the cancelled node ran and its attempt', () => {
    // run-execution.ts settle() writes durationMs 0 and attempts 0 for a cancelled node.
    const finished = finishedEvent(logs.events, 'wait');
    expect(finished?.attempts).toBe(1);
    expect(finished?.durationMs).toBeGreaterThanOrEqual(RAN_MS - 50);
  });
});

function finishedEvent(events: readonly EngineEvent[], nodeId: string): EventOf<'node.finished'> | undefined {
  return events.find((event): event is EventOf<'node.finished'> => event.type === 'node.finished' && event.nodeId === nodeId);
}
