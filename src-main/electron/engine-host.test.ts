import { describe, expect, it } from 'vitest';
import { createApiClient } from '../../src-shared/api/client.ts';
import type { ElectronMessagePortLike } from '../../src-shared/api/message-port.ts';
import { createPortTransport } from '../../src-shared/api/port-transport.ts';
import { serveEngineProcess } from '../engine-process/engine-process.ts';
import { ElectronShapedPort } from '../engine-process/testing/electron-shaped-port.ts';
import { testEngine } from '../engine-process/testing/engine.ts';
import { FakeParentPort } from '../engine-process/testing/fake-parent-port.ts';
import { nodeChannel } from '../engine-process/testing/ports.ts';
import { startEngineHost, type UtilityProcessLike } from './engine-host.ts';

/**
 * A hand-written utility process: what the main process posts reaches a {@link FakeParentPort}, and the test says
 * when it exits. With `serve`, the real engine-process wiring answers on it.
 */
class FakeUtilityProcess implements UtilityProcessLike {
  readonly parentPort = new FakeParentPort();
  readonly posted: unknown[] = [];
  readonly #onExit: ((code: number) => void)[] = [];
  killed = false;

  postMessage(message: unknown, transfer: ElectronMessagePortLike[] = []): void {
    this.posted.push(message);
    this.parentPort.deliver(message, transfer);
  }
  on(_event: 'exit', listener: (code: number) => void): this {
    this.#onExit.push(listener);
    return this;
  }
  kill(): boolean {
    this.killed = true;
    return true;
  }
  exit(code: number): void {
    for (const listener of this.#onExit) listener(code);
  }
}

/** The engine host over fake processes (served by the real engine wiring) and a clock the test moves. */
async function host(environment?: () => Record<string, string>) {
  const engine = await testEngine();
  const processes: FakeUtilityProcess[] = [];
  const restarts: string[] = [];
  const scheduled: { task: () => void; ms: number; cancelled: boolean }[] = [];
  const logs: string[] = [];
  let now = 0;
  const engineHost = startEngineHost({
    fork() {
      const child = new FakeUtilityProcess();
      serveEngineProcess({
        parentPort: child.parentPort,
        handlers: engine.handlers,
        env: engine.env,
        onUnexpected: () => undefined,
        exit: (code) => child.exit(code),
      });
      processes.push(child);
      return child;
    },
    createChannel() {
      const { port1, port2 } = nodeChannel();
      return { port1: new ElectronShapedPort(port1), port2: new ElectronShapedPort(port2) };
    },
    onRestart: (reason) => restarts.push(reason),
    schedule(task, ms) {
      const entry = { task, ms, cancelled: false };
      scheduled.push(entry);
      return () => (entry.cancelled = true);
    },
    now: () => now,
    log: (message) => logs.push(message),
    ...(environment === undefined ? {} : { environment }),
  });
  const client = (window: number) => createApiClient(createPortTransport(engineHost.connect(window)));
  return { engine, engineHost, processes, restarts, scheduled, logs, client, advance: (ms: number) => (now += ms) };
}

describe('startEngineHost: the utility process, kept running', () => {
  it('connects each window on its own port to the engine process', async () => {
    const { processes, client } = await host();
    expect(await client(1).call('workspaces.list', {})).toEqual({ workspaces: [{ id: 'default' }] });
    expect(await client(2).call('workflows.list', {})).toEqual({ workflows: [] });
    expect(processes).toHaveLength(1);
    expect(processes[0]?.posted).toEqual([
      { type: 'connect', window: 1 },
      { type: 'connect', window: 2 },
    ]);
  });

  it('restarts a process that exits unexpectedly: at once after a long run, after a doubling pause when it keeps failing', async () => {
    const { processes, restarts, scheduled, advance, client } = await host();
    advance(60_000);
    processes[0]?.exit(134);
    expect(processes).toHaveLength(2);
    expect(restarts).toEqual(['the engine process stopped unexpectedly (exit code 134)']);
    expect(await client(1).call('workspaces.list', {})).toEqual({ workspaces: [{ id: 'default' }] });

    advance(1_000);
    processes[1]?.exit(1);
    expect(processes).toHaveLength(2);
    expect(scheduled.map((entry) => entry.ms)).toEqual([250]);
    // While it is down, a window's connection is closed at once rather than left hanging.
    await expect(client(2).call('workspaces.list', {})).rejects.toMatchObject({ code: 'OPR-162' });
    scheduled[0]?.task();
    expect(processes).toHaveLength(3);
    advance(100);
    processes[2]?.exit(1);
    expect(scheduled.map((entry) => entry.ms)).toEqual([250, 500]);
    expect(restarts).toHaveLength(2);
  });

  it('gives each process the stored keys before any window connects, and every change while it runs', async () => {
    let stored: Record<string, string> = { OPENAI_API_KEY: 'sk-one' };
    const { engine, engineHost, processes, client, advance } = await host(() => stored);
    expect(await client(1).call('workspaces.list', {})).toEqual({ workspaces: [{ id: 'default' }] });
    expect(engine.env).toEqual({ OPENAI_API_KEY: 'sk-one' });
    stored = { OPENAI_API_KEY: 'sk-one', OPENROUTER_API_KEY: 'sk-two' };
    engineHost.changeEnvironment({ set: { OPENROUTER_API_KEY: 'sk-two' }, unset: [] });
    expect(engine.env).toEqual(stored);
    expect(processes[0]?.posted).toEqual([
      { type: 'env', set: { OPENAI_API_KEY: 'sk-one' }, unset: [] },
      { type: 'connect', window: 1 },
      { type: 'env', set: { OPENROUTER_API_KEY: 'sk-two' }, unset: [] },
    ]);

    advance(60_000);
    processes[0]?.exit(1);
    expect(processes[1]?.posted).toEqual([{ type: 'env', set: stored, unset: [] }]);
  });

  it('stops on request: the engine shuts down and exits, and no restart follows', async () => {
    const { engineHost, processes, restarts, scheduled } = await host();
    await engineHost.stop();
    expect(processes[0]?.posted).toEqual([{ type: 'shutdown' }]);
    expect(processes).toHaveLength(1);
    expect(restarts).toEqual([]);
    expect(scheduled[0]?.cancelled).toBe(true);
    expect(processes[0]?.killed).toBe(false);
  });

  it('kills an engine that does not stop in time', async () => {
    const { engineHost, processes, scheduled, logs } = await host();
    const child = processes[0];
    if (child === undefined) throw new Error('no process');
    child.postMessage = (message) => child.posted.push(message);
    const stopped = engineHost.stop(5_000);
    expect(scheduled.map((entry) => entry.ms)).toEqual([5_000]);
    scheduled[0]?.task();
    await stopped;
    expect(child.killed).toBe(true);
    expect(logs).toEqual(['the engine process did not stop within 5000 ms: killing it']);
  });
});
