import { describe, expect, it, onTestFinished } from 'vitest';
import { createApiClient } from '../../src-shared/api/client.ts';
import { fromNodePort } from '../../src-shared/api/message-port.ts';
import { createPortTransport } from '../../src-shared/api/port-transport.ts';
import { serveEngineProcess } from './engine-process.ts';
import { ElectronShapedPort } from './testing/electron-shaped-port.ts';
import { testEngine } from './testing/engine.ts';
import { FakeParentPort } from './testing/fake-parent-port.ts';
import { nodeChannel } from './testing/ports.ts';
import { recordEvents } from './testing/recorder.ts';
import { asking } from './testing/workflows.ts';
import { startFakeOpenAi } from '../services/llm/testing/fake-openai-server.ts';

/** The engine process's wiring on the real API, its parent port a test double. */
async function engineProcess(env: NodeJS.ProcessEnv = {}) {
  const engine = await testEngine(env);
  const parentPort = new FakeParentPort();
  const unexpected: unknown[] = [];
  let exitCode: number | undefined;
  let exited!: () => void;
  const exit = new Promise<void>((resolve) => (exited = resolve));
  const served = serveEngineProcess({
    parentPort,
    handlers: engine.handlers,
    env: engine.env,
    onUnexpected: (error) => unexpected.push(error),
    exit: (code) => {
      exitCode = code;
      exited();
    },
  });
  /** Sends the engine one end of a new channel, as Electron's main process does for a window; returns the other. */
  const connectWindow = (window: number) => {
    const channel = nodeChannel();
    parentPort.deliver({ type: 'connect', window }, [new ElectronShapedPort(channel.port2)]);
    const transport = createPortTransport(fromNodePort(channel.port1));
    return { transport, client: createApiClient(transport) };
  };
  return { engine, parentPort, served, unexpected, connectWindow, exit, exitCode: () => exitCode };
}

describe('serveEngineProcess: the utility process serves each MessagePort the main process sends', () => {
  it('opens one API connection per port, each answered on its own port', async () => {
    const { served, connectWindow, unexpected } = await engineProcess();
    const one = connectWindow(1);
    const two = connectWindow(2);
    expect(served.connections()).toBe(2);
    expect(await one.client.call('workspaces.list', {})).toEqual({ workspaces: [{ id: 'default' }] });
    expect(await two.client.call('workflows.list', {})).toEqual({ workflows: [] });
    expect(unexpected).toEqual([]);
  });

  it('forgets a connection when its window closes the port', async () => {
    const { served, engine, connectWindow } = await engineProcess();
    const one = connectWindow(1);
    expect((await one.client.call('workspaces.list', {})).workspaces).toHaveLength(1);
    one.transport.close();
    await engine.closed(1);
    expect(served.connections()).toBe(0);
  });

  it('reports control messages that do not match control.ts, closes their ports, and keeps serving', async () => {
    const { served, parentPort, unexpected, connectWindow } = await engineProcess();
    const stray = nodeChannel();
    const heardClose = new Promise<void>((resolve) => stray.port1.once('close', resolve));
    parentPort.deliver({ type: 'open-the-pod-bay-doors' }, [new ElectronShapedPort(stray.port2)]);
    parentPort.deliver('connect');
    parentPort.deliver({ type: 'connect', window: 3 });
    await heardClose;
    expect(unexpected.map((error) => (error as Error).message)).toEqual([
      expect.stringContaining('not one of control.ts'),
      expect.stringContaining('not one of control.ts'),
      'engine process: a connect message needs exactly one port, got 0',
    ]);
    expect(served.connections()).toBe(0);
    expect(await connectWindow(4).client.call('workspaces.list', {})).toEqual({ workspaces: [{ id: 'default' }] });
  });

  it('on shutdown closes every connection and the API, then exits with code 0', async () => {
    const { engine, parentPort, connectWindow, exit, exitCode } = await engineProcess();
    const one = connectWindow(1);
    await one.client.call('workspaces.list', {});
    parentPort.deliver({ type: 'shutdown' });
    await exit;
    expect(exitCode()).toBe(0);
    await engine.closed(1);
    await expect(one.client.call('workspaces.list', {})).rejects.toMatchObject({ code: 'OPR-162' });
  });
});

describe('serveEngineProcess: env messages set the provider keys the hosts read', () => {
  it('a stored key overrides the launch variable from the next run on, and removing it brings the launch value back', async () => {
    const server = await startFakeOpenAi();
    onTestFinished(() => server.close());
    const { parentPort, connectWindow, unexpected, engine } = await engineProcess({
      OPENAI_BASE_URL: server.url,
      OPENAI_API_KEY: 'sk-at-launch',
    });
    const { client } = connectWindow(1);
    const events = recordEvents(client);
    await client.call('workflows.save', { workflow: asking });
    /** Runs `asking` to its end and returns the Authorization header its model call sent. */
    const runOnce = async (): Promise<string | undefined> => {
      const { runId } = await client.call('runs.start', { workflowId: 'asking', inputs: {} });
      await client.call('runs.watch', { runId, fromSeq: 0 });
      await events.until(() => events.watchEnds.some((end) => end.runId === runId));
      const finished = events.runEvents.find((payload) => payload.runId === runId && payload.event.type === 'run.finished');
      expect(finished?.event).toMatchObject({ status: 'succeeded' });
      return server.requests.at(-1)?.headers.authorization;
    };

    expect(await runOnce()).toBe('Bearer sk-at-launch');
    parentPort.deliver({ type: 'env', set: { OPENAI_API_KEY: 'sk-stored-in-the-app' }, unset: [] });
    expect(await runOnce()).toBe('Bearer sk-stored-in-the-app');
    parentPort.deliver({ type: 'env', set: {}, unset: ['OPENAI_API_KEY'] });
    expect(await runOnce()).toBe('Bearer sk-at-launch');
    parentPort.deliver({ type: 'env', set: { OPERON_SECRET_TOKEN: 'tok-1' }, unset: [] });
    parentPort.deliver({ type: 'env', set: {}, unset: ['OPERON_SECRET_TOKEN'] });
    expect(engine.env).toEqual({ OPENAI_BASE_URL: server.url, OPENAI_API_KEY: 'sk-at-launch' });
    expect(unexpected).toEqual([]);
  });

  it('refuses to set a variable that is not a key name (PATH, NODE_OPTIONS), and never reports the value', async () => {
    const { parentPort, unexpected, engine } = await engineProcess({ PATH: '/usr/bin' });
    parentPort.deliver({ type: 'env', set: { PATH: '/tmp/evil-value', OPENAI_API_KEY: 'sk-fine' }, unset: [] });
    parentPort.deliver({ type: 'env', set: {}, unset: ['NODE_OPTIONS'] });
    expect(engine.env).toEqual({ PATH: '/usr/bin' });
    expect(unexpected).toHaveLength(2);
    for (const error of unexpected) expect((error as Error).message).not.toMatch(/evil-value|sk-fine/);
  });
});
