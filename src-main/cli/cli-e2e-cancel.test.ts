import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EngineEvent, EventOf } from '../../src-shared/engine/events.ts';
import { waitUntil } from '../services/testing/waiting.ts';
import { loggedEvents, onlyRunId } from './testing/killed-run.ts';
import {
  listFiles,
  makeDataDir,
  makeTempDir,
  readJsonLines,
  readRunLogs,
  removeTempDirs,
  startCli,
  writeWorkflow,
  type CliResult,
  type RunLogs,
} from './testing/run-cli.ts';

// Ctrl-C (and SIGTERM) while a node runs: the run ends cancelled, without waiting for the node, with whole log lines.

afterAll(removeTempDirs);

/** How long the delay node has run (by the run log's clock) before the signal: the duration it must record. */
const RAN_MS = 300;
/** The delay node's wait, the most it allows (a day): the run can only end before it by being cancelled. */
const DELAY_MS = 24 * 60 * 60 * 1000;

async function slowWorkflow(): Promise<string> {
  return writeWorkflow(await makeTempDir(), 'slow', {
    nodes: [
      { id: 'start', type: 'core.manual-trigger' },
      { id: 'wait', type: 'core.delay', config: { ms: DELAY_MS } },
      { id: 'result', type: 'core.output', config: { name: 'done' } },
    ],
    edges: [
      ['start.out', 'wait.in'],
      ['wait.out', 'result.in'],
    ],
  });
}

describe.each(['SIGINT', 'SIGTERM'] as const)('%s during a day-long delay', (signal) => {
  let result: CliResult;
  let ranMs: number;
  let logs: RunLogs;

  beforeAll(async () => {
    const dataDir = await makeDataDir();
    const cli = startCli(dataDir, ['run', await slowWorkflow()]);
    const runId = await onlyRunId(dataDir);
    let startedAt = 0;
    await waitUntil(async () => {
      const started = (await loggedEvents(dataDir, runId)).find((event) => event.type === 'node.started' && event.nodeId === 'wait');
      startedAt = started?.ts ?? 0;
      return started !== undefined;
    }, 'the delay node started');
    // The condition is time itself: the node has been running RAN_MS by the clock its log uses (a slow machine only
    // makes it longer), so the duration it records can be checked.
    await waitUntil(() => Date.now() - startedAt >= RAN_MS, `the delay node ran ${RAN_MS} ms`);
    cli.child.kill(signal);
    ranMs = Date.now() - startedAt;
    result = await cli.exited;
    logs = await readRunLogs(dataDir, runId);
  });

  it('exits 1 long before the delay would end, saying the run was cancelled', () => {
    // startCli kills a process that has not exited after EVENT_WAIT_MS, far below the day the delay lasts.
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
    expect(finished?.durationMs).toBeGreaterThanOrEqual(ranMs - 50);
    expect(finished?.durationMs).toBeLessThan(DELAY_MS);
  });
});

function finishedEvent(events: readonly EngineEvent[], nodeId: string): EventOf<'node.finished'> | undefined {
  return events.find((event): event is EventOf<'node.finished'> => event.type === 'node.finished' && event.nodeId === nodeId);
}
