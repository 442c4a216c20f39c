import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it, onTestFinished } from 'vitest';
import { listRuns, readRun } from '../services/run-log/run-reader.ts';
import { startGate } from '../services/testing/gate.ts';
import { waitUntil } from '../services/testing/waiting.ts';
import { workspacePaths } from '../services/data-dir.ts';
import { auditPaths, readAuditLines } from '../services/audit/audit-log.ts';
import { connectApi } from '../serve/testing/connect.ts';
import type { RunningServer } from '../serve/server.ts';
import { makeDataDir, removeTempDirs, runCli, runsDirOf, startCli, startLoopbackServer, type RunningCli } from './testing/run-cli.ts';

// `operon serve` as a service, in child processes: activation from the CLI, a triggered run (Workflow finished),
// SIGKILL mid-run, restarts that leave the run interrupted or resume it (the upstream side effect is not repeated),
// SIGTERM's graceful stop, and `operon triggers log`.

afterAll(removeTempDirs);

const TOKEN = 'service-test-token-0123456789abcdef';

function workflowFile(id: string, nodes: unknown[], edges: [string, string][], settings: Record<string, unknown> = {}) {
  return {
    schemaVersion: 1,
    id,
    name: id === 'orders' ? 'Orders' : id,
    settings,
    nodes: nodes.map((node, index) => ({ typeVersion: 1, position: { x: index * 250, y: 0 }, config: {}, ...(node as object) })),
    edges: edges.map(([from, to], index) => {
      const [source, sourcePort] = from.split('.') as [string, string];
      const [target, targetPort] = to.split('.') as [string, string];
      return { id: `e${index + 1}`, source, sourcePort, target, targetPort };
    }),
  };
}

async function serve(dataDir: string, args: string[] = []): Promise<RunningCli & { port: number }> {
  const cli = startCli(dataDir, ['serve', '--no-ui', '--port', '0', '--token', TOKEN, ...args]);
  stdoutOf(cli); // listens from the start
  cli.exited.catch(() => undefined); // a test that failed first killed it
  onTestFinished(() => {
    if (cli.child.exitCode === null && cli.child.signalCode === null) cli.child.kill('SIGKILL');
  });
  await cli.waitForStderr(/operon serve: ready/);
  await waitUntil(() => /API http:\/\/127\.0\.0\.1:(\d+)/.test(stdoutOf(cli)), 'serve printed its API address');
  return Object.assign(cli, { port: Number(/API http:\/\/127\.0\.0\.1:(\d+)/.exec(stdoutOf(cli))?.[1]) });
}
/** What the child printed so far on stdout (read through its stream). */
const printed = new WeakMap<RunningCli, string>();
function stdoutOf(cli: RunningCli): string {
  if (!printed.has(cli)) {
    printed.set(cli, '');
    cli.child.stdout?.on('data', (chunk: string) => printed.set(cli, (printed.get(cli) ?? '') + chunk));
  }
  return printed.get(cli) ?? '';
}

describe('operon serve as a service', () => {
  it('keeps a triggered run across a SIGKILL: left interrupted by default, resumed without repeating its side effect', async () => {
    const notify = await startLoopbackServer(() => ({ status: 200, body: { ok: true } }));
    onTestFinished(() => notify.close());
    const gate = await startGate({ ok: true });
    onTestFinished(() => gate.close());
    const dataDir = await makeDataDir();
    const { workflows } = workspacePaths(dataDir, 'default');
    await mkdir(workflows, { recursive: true });
    const ordersNodes = [
      { id: 'after', type: 'core.workflow-finished-trigger', config: { workflowId: 'kick', on: 'success' } },
      { id: 'notify', type: 'core.http-request', config: { method: 'POST', url: `${notify.url}/notify`, body: { order: 1 } } },
      { id: 'wait', type: 'core.http-request', config: { method: 'GET', url: `${gate.url}/gate`, timeoutMs: 600000 } },
      { id: 'result', type: 'core.output', config: { name: 'reply' } },
    ];
    const ordersEdges: [string, string][] = [
      ['after.out', 'notify.in'],
      ['notify.out', 'wait.in'],
      ['wait.out', 'result.in'],
    ];
    const writeOrders = (settings: Record<string, unknown>) =>
      writeFile(path.join(workflows, 'orders.operon.json'), JSON.stringify(workflowFile('orders', ordersNodes, ordersEdges, settings)));
    await writeOrders({});
    const kick = workflowFile(
      'kick',
      [
        { id: 'start', type: 'core.manual-trigger' },
        { id: 'out', type: 'core.output', config: { name: 'done' } },
      ],
      [['start.out', 'out.in']],
    );
    await writeFile(path.join(workflows, 'kick.operon.json'), JSON.stringify(kick));

    // Activation from the CLI: a workflow with nothing to listen for is refused with the problem listed (exit 2).
    const refused = await runCli(dataDir, ['activate', 'kick']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('OPR-231');
    expect(refused.stderr).toContain('has no trigger to listen for');
    const activated = await runCli(dataDir, ['activate', 'orders'], { env: { OPERON_USER: 'ana' } });
    expect(activated.code, activated.stderr).toBe(0);
    expect(activated.stdout).toContain('"Orders" is active: 1 trigger (Workflow finished)');

    // A run of kick ends: orders fires, notifies, and waits at the gate. Then the service is killed.
    const first = await serve(dataDir);
    const api = connectApi({ port: first.port, token: TOKEN } as RunningServer);
    await api.client.call('runs.start', { workspace: 'default', workflowId: 'kick' });
    await gate.requested(1);
    api.transport.close();
    first.child.kill('SIGKILL');
    expect((await first.exited).signal).toBe('SIGKILL');
    const [ordersRun] = (await listRuns(runsDirOf(dataDir))).filter((entry) => entry.kind === 'run' && entry.workflowId === 'orders');
    const runId = ordersRun?.runId ?? '';
    expect(ordersRun).toMatchObject({ status: 'running', interrupted: true });
    expect(await readRun(runsDirOf(dataDir), runId)).toMatchObject({
      trigger: { type: 'workflow', nodeId: 'after' },
      startedBy: 'trigger:workflow',
    });
    const audit = (await readAuditLines(auditPaths(workspacePaths(dataDir, 'default').root).file)).map(
      (line) => JSON.parse(line) as { action: string; actor: string; target: string },
    );
    expect(audit.map((entry) => [entry.action, entry.actor, entry.target])).toContainEqual([
      'workflow.activated',
      'ana',
      'workflow:orders',
    ]);
    expect(audit.map((entry) => [entry.action, entry.actor, entry.target])).toContainEqual([
      'run.started',
      'trigger:workflow',
      `run:${runId}`,
    ]);
    expect(notify.requests).toHaveLength(1);

    // onInterrupted "leave" (the default): the restarted service says so and leaves it.
    const second = await serve(dataDir);
    await second.waitForStderr(new RegExp(`1 interrupted run left for a person \\(${runId}\\)`));
    expect(await readRun(runsDirOf(dataDir), runId)).toMatchObject({ status: 'running', interrupted: true });
    second.child.kill('SIGTERM');
    const stopped = await second.exited;
    expect(stopped.code, stopped.stderr).toBe(0);
    expect(stopped.stderr).toContain('operon serve: stopped');

    // onInterrupted "resume": the restarted service continues it; notify (finished) is not run again.
    await writeOrders({ onInterrupted: 'resume' });
    const third = await serve(dataDir);
    await third.waitForStderr(new RegExp(`resumed 1 interrupted run \\(${runId}\\)`));
    await gate.requested(2);
    gate.open();
    await waitUntil(async () => (await readRun(runsDirOf(dataDir), runId)).status === 'succeeded', `run ${runId} succeeded`);
    expect(notify.requests).toHaveLength(1);
    expect(gate.requests).toBe(2);
    third.child.kill('SIGTERM');
    expect((await third.exited).code).toBe(0);

    // The firing log: the Workflow finished firing that started the run.
    const log = await runCli(dataDir, ['triggers', 'log', '--json']);
    expect(JSON.parse(log.stdout)).toEqual({
      firings: [expect.objectContaining({ workflowId: 'orders', nodeId: 'after', kind: 'workflow', outcome: 'started', runId })],
    });
    const table = await runCli(dataDir, ['triggers', 'log']);
    expect(table.stdout).toMatch(new RegExp(`Orders\\s+Workflow finished\\s+\\d+ B\\s+started\\s+${runId}`));
  });

  it('SIGTERM takes no more firings, waits the grace period for the runs going on, then leaves them interrupted', async () => {
    const gate = await startGate({ ok: true });
    onTestFinished(() => gate.close());
    const dataDir = await makeDataDir();
    const { workflows } = workspacePaths(dataDir, 'default');
    await mkdir(workflows, { recursive: true });
    const held = workflowFile(
      'held',
      [
        { id: 'start', type: 'core.manual-trigger' },
        { id: 'wait', type: 'core.http-request', config: { method: 'GET', url: `${gate.url}/gate`, timeoutMs: 600000 } },
      ],
      [['start.out', 'wait.in']],
    );
    await writeFile(path.join(workflows, 'held.operon.json'), JSON.stringify(held));
    const server = await serve(dataDir, ['--grace-seconds', '0']);
    const api = connectApi({ port: server.port, token: TOKEN } as RunningServer);
    const { runId } = await api.client.call('runs.start', { workspace: 'default', workflowId: 'held' });
    await gate.requested(1);
    api.transport.close();
    server.child.kill('SIGTERM');
    const result = await server.exited;
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain('1 run still going after 0 s: left interrupted');
    expect(await readRun(runsDirOf(dataDir), runId)).toMatchObject({ status: 'running', interrupted: true });
  });
});
