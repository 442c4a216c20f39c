import { expect } from 'vitest';
import type { EngineEvent } from '../../../src-shared/engine/events.ts';
import { readEvents } from '../../services/run-log/run-reader.ts';
import { waitUntil } from '../../services/testing/waiting.ts';
import { makeTempDir, runIds, runsDirOf, startCli, writeWorkflow, type RunningCli } from './run-cli.ts';

/**
 * A workflow with a side effect and then a gated node: `notify` POSTs the run input `order` to `<baseUrl>/notify`,
 * `wait` GETs `<gateUrl>/gate` (a gate from services/testing/gate.ts: it runs until the test opens it), then the gate's reply body is
 * the output `reply`.
 */
export async function sideEffectThenGate(): Promise<string> {
  return writeWorkflow(await makeTempDir(), 'notify-then-wait', {
    nodes: [
      { id: 'start', type: 'core.manual-trigger' },
      {
        id: 'notify',
        type: 'core.http-request',
        config: { method: 'POST', url: '{{ $run.baseUrl }}/notify', body: { order: '{{ $.order }}' } },
      },
      { id: 'wait', type: 'core.http-request', config: { method: 'GET', url: '{{ $run.gateUrl }}/gate', timeoutMs: 600000 } },
      { id: 'pick', type: 'core.transform', config: { expression: 'body' } },
      { id: 'result', type: 'core.output', config: { name: 'reply' } },
    ],
    edges: [
      ['start.out', 'notify.in'],
      ['notify.out', 'wait.in'],
      ['wait.out', 'pick.in'],
      ['pick.out', 'result.in'],
    ],
  });
}

/** A run's logged events so far (a cut-off last line skipped), or none while it has no log. */
export async function loggedEvents(dataDir: string, runId: string): Promise<EngineEvent[]> {
  return (await readEvents(runsDirOf(dataDir), runId).catch(() => ({ events: [] }))).events;
}

/** The run's id once `operon run` has made its folder (the data dir holds no other run). */
export async function onlyRunId(dataDir: string): Promise<string> {
  let runId: string | undefined;
  await waitUntil(async () => (runId = (await runIds(dataDir))[0]) !== undefined, 'the run has a folder');
  return runId ?? '';
}

/**
 * Runs `operon run ...args` until the log on disk shows `nodeId` started, then kills the process with SIGKILL: no
 * handler runs, so the run is left `running` with a dead pid. `beforeKill` may look at the live run first.
 */
export async function killWhileRunning(
  dataDir: string,
  args: readonly string[],
  nodeId: string,
  beforeKill?: (runId: string, cli: RunningCli) => Promise<void>,
): Promise<{ runId: string; pid: number }> {
  const cli = startCli(dataDir, ['run', ...args]);
  const runId = await onlyRunId(dataDir);
  const started = (event: EngineEvent): boolean => event.type === 'node.started' && event.nodeId === nodeId;
  await waitUntil(async () => (await loggedEvents(dataDir, runId)).some(started), `${nodeId} started in run ${runId}`);
  await beforeKill?.(runId, cli);
  cli.child.kill('SIGKILL');
  const result = await cli.exited;
  expect(result.signal, result.stderr).toBe('SIGKILL');
  return { runId, pid: cli.child.pid ?? 0 };
}
