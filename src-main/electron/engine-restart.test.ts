import { expect, it, onTestFinished } from 'vitest';
import type { EventPayload } from '../../src-shared/api/contract.ts';
import type { WorkflowInput } from '../../src-shared/workflow/schema.ts';
import { startGate } from '../services/testing/gate.ts';
import { forkEngineChild, type ChildUtilityProcess } from '../engine-process/testing/engine-child-process.ts';
import { ElectronShapedPort } from '../engine-process/testing/electron-shaped-port.ts';
import { nodeChannel } from '../engine-process/testing/ports.ts';
import { tempDir } from '../services/test-support.ts';
import { startEngineHost } from './engine-host.ts';
import { createIpcRouter, type IpcRouter } from './ipc-router.ts';
import { FakeContents, FakeIpcMain } from './testing/fake-ipc.ts';

// The utility-process restart path end to end, Electron replaced only where it must be: the engine process's real
// entry runs in a child process of its own (its own pid, as a utility process has), the real supervisor forks it and
// restarts it, the real IPC router reconnects the window, and the window is a test double that records what it is sent.

const APP_URL = 'file:///opt/operon/out/renderer/index.html';

/** start -> wait (GETs `<gateUrl>/gate`: held until the test opens the gate) -> pick (its body) -> result. */
const gated: WorkflowInput = {
  schemaVersion: 1,
  id: 'gated',
  name: 'Gated',
  inputs: { type: 'object', properties: { gateUrl: { type: 'string' } } },
  nodes: [
    { id: 'start', type: 'core.manual-trigger', typeVersion: 1, position: { x: 0, y: 0 }, config: {} },
    {
      id: 'wait',
      type: 'core.http-request',
      typeVersion: 1,
      position: { x: 200, y: 0 },
      config: { method: 'GET', url: '{{ $run.gateUrl }}/gate', timeoutMs: 600_000 },
    },
    { id: 'pick', type: 'core.transform', typeVersion: 1, position: { x: 400, y: 0 }, config: { expression: 'body' } },
    { id: 'result', type: 'core.output', typeVersion: 1, position: { x: 600, y: 0 }, config: { name: 'reply' } },
  ],
  edges: [
    { id: 'e1', source: 'start', sourcePort: 'out', target: 'wait', targetPort: 'in' },
    { id: 'e2', source: 'wait', sourcePort: 'out', target: 'pick', targetPort: 'in' },
    { id: 'e3', source: 'pick', sourcePort: 'out', target: 'result', targetPort: 'in' },
  ],
};

it('an engine process killed mid-run is restarted, the window hears host.restarted, its run is interrupted and Continue finishes it', async () => {
  const home = await tempDir();
  const gate = await startGate({ ok: true });
  onTestFinished(() => gate.close());
  const processes: ChildUtilityProcess[] = [];
  const logs: string[] = [];
  // Wired as main.ts wires it, with a child process for utilityProcess.fork and a Node channel for MessageChannelMain.
  const engineHost = startEngineHost({
    fork() {
      const child = forkEngineChild(home);
      onTestFinished(() => void (child.child.exitCode === null && child.child.signalCode === null && child.kill()));
      processes.push(child);
      return child;
    },
    createChannel() {
      const { port1, port2 } = nodeChannel();
      return { port1: new ElectronShapedPort(port1), port2: new ElectronShapedPort(port2) };
    },
    // The router is made below, before any restart can happen.
    onRestart: (reason) => router.reconnectAll(reason),
    schedule(task, ms) {
      const timer = setTimeout(task, ms);
      return () => clearTimeout(timer);
    },
    now: () => Date.now(),
    log: (message) => logs.push(message),
  });
  onTestFinished(() => engineHost.stop(10_000));
  const ipcMain = new FakeIpcMain();
  const router: IpcRouter = createIpcRouter({
    ipcMain,
    isAppUrl: (url) => url === APP_URL,
    connect: (contents) => engineHost.connect(contents.id),
  });
  const window = new FakeContents(1);
  router.attach(window);
  const call = async (name: string, input: unknown = {}): Promise<unknown> => {
    const answer = await ipcMain.invoke({ sender: { id: window.id }, senderFrame: { url: APP_URL, parent: null } }, { call: name, input });
    if (!answer.ok) throw new Error(`${name}: ${answer.error.code} ${answer.error.message}`);
    return answer.output;
  };
  const runEvents = () => (window.events('run.event') as EventPayload<'run.event'>[]).map((payload) => payload.event);

  await call('workflows.save', { workflow: gated });
  const { runId } = (await call('runs.start', { workflowId: 'gated', inputs: { gateUrl: gate.url } })) as { runId: string };
  await call('runs.watch', { runId, fromSeq: 0 });
  // Held mid-way: the gated node has started and its request waits at the gate.
  await window.until(() => runEvents().some((event) => event.type === 'node.started' && event.nodeId === 'wait'));
  const first = processes[0];
  if (first === undefined) throw new Error('no engine process');
  expect(await call('runs.get', { runId })).toMatchObject({
    run: { status: 'running', interrupted: false, pid: first.child.pid },
  });

  first.kill();
  await window.until(() => window.events('host.restarted').length > 0);
  expect(window.events('host.restarted')).toEqual([
    { workspace: 'default', reason: 'the engine process stopped unexpectedly (exit code 1)' },
  ]);
  expect(processes).toHaveLength(2);
  expect(logs).toEqual([expect.stringMatching(/^the engine process stopped unexpectedly \(exit code 1\); starting it again/)]);

  // The new engine process sees the run as interrupted: status running, the process that ran it gone.
  const lastSeq = runEvents().at(-1)?.seq ?? -1;
  expect(await call('runs.get', { runId })).toMatchObject({ run: { status: 'running', interrupted: true, pid: first.child.pid } });
  const { runs } = (await call('runs.list', {})) as { runs: { runId: string; status: string; interrupted: boolean }[] };
  expect(runs.map(({ runId: id, status, interrupted }) => ({ id, status, interrupted }))).toEqual([
    { id: runId, status: 'running', interrupted: true },
  ]);

  // The window watches again from its next seq (as its live runs do on host.restarted), then continues the run.
  await call('runs.watch', { runId, fromSeq: lastSeq + 1 });
  expect(await call('runs.continueInterrupted', { runId })).toEqual({ runId });
  gate.open();
  await window.until(() => window.events('run.watchEnded').length > 0);
  const after = runEvents().filter((event) => event.seq > lastSeq);
  expect(after[0]).toMatchObject({ type: 'run.resumed', seq: lastSeq + 1 });
  expect(after.filter((event) => event.type === 'node.started').map((event) => ('nodeId' in event ? event.nodeId : ''))).toEqual([
    'wait',
    'pick',
    'result',
  ]);
  expect(after.at(-1)).toMatchObject({ type: 'run.finished', status: 'succeeded', outputs: { reply: { ok: true } } });
  expect(await call('runs.get', { runId })).toMatchObject({ run: { status: 'succeeded', interrupted: false } });
  expect(processes.map((each) => each.stderr())).toEqual(['', '']);
});
