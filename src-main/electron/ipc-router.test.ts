import { describe, expect, it } from 'vitest';
import { IPC_CHANNELS } from '../../src-shared/api/bridge.ts';
import type { EventPayload } from '../../src-shared/api/contract.ts';
import { ApiError } from '../../src-shared/api/errors.ts';
import { testEngine, type TestEngine } from '../engine-process/testing/engine.ts';
import { doubling } from '../engine-process/testing/workflows.ts';
import { createIpcRouter, sendDesktopEvent, type DesktopCallImpls, type IpcInvokeEventLike } from './ipc-router.ts';
import { FakeContents, FakeIpcMain } from './testing/fake-ipc.ts';

const APP_URL = 'file:///opt/operon/out/renderer/index.html';

/** The router over a fake `ipcMain`, each window connected to the real engine over a real MessagePort. */
async function routed(desktop?: Partial<DesktopCallImpls>) {
  const engine: TestEngine = await testEngine();
  const ipcMain = new FakeIpcMain();
  const router = createIpcRouter({
    ipcMain,
    isAppUrl: (url) => url.startsWith(APP_URL),
    connect: () => engine.connect(),
    ...(desktop === undefined ? {} : { desktop }),
  });
  const from = (contents: FakeContents, url = APP_URL, parent: unknown = null): IpcInvokeEventLike => ({
    sender: { id: contents.id },
    senderFrame: { url, parent },
  });
  const call = (contents: FakeContents, callName: string, input: unknown = {}) => ipcMain.invoke(from(contents), { call: callName, input });
  return { engine, ipcMain, router, from, call };
}

describe('createIpcRouter: the main process between the windows and the engine host', () => {
  it("answers the app's own renderer through the real engine and sends a watched run's events to that window only", async () => {
    const { router, call } = await routed();
    const window = new FakeContents(1);
    const other = new FakeContents(2);
    router.attach(window);
    router.attach(other);
    expect(await call(window, 'workspaces.list')).toEqual({ ok: true, output: { workspaces: [{ id: 'default' }] } });
    expect(await call(window, 'workflows.save', { workflow: doubling })).toMatchObject({ ok: true, output: { problems: [] } });
    const started = await call(window, 'runs.start', { workflowId: 'doubling', inputs: { n: 4 } });
    if (!started.ok) throw new Error(started.error.message);
    const { runId } = started.output as { runId: string };
    expect(await call(window, 'runs.watch', { runId, fromSeq: 0 })).toEqual({ ok: true, output: { runId } });
    await window.until(() => window.events('run.watchEnded').length === 1);

    expect(window.sent.every((each) => each.channel === IPC_CHANNELS.event)).toBe(true);
    const events = window.events('run.event') as EventPayload<'run.event'>[];
    expect(events.map((payload) => payload.event.seq)).toEqual(events.map((_, i) => i));
    expect(events.at(-1)?.event).toMatchObject({ type: 'run.finished', status: 'succeeded', outputs: { result: 8 } });
    // The other window did not watch the run: it hears that runs changed, not the run's events.
    await other.until(() => other.events('runs.changed').length > 0);
    expect(other.events('run.event')).toEqual([]);
  });

  it('refuses callers that are not the app: another page, a subframe, a gone frame, a window never attached', async () => {
    const { engine, ipcMain, router, from } = await routed();
    const window = new FakeContents(1);
    router.attach(window);
    const message = { call: 'workspaces.list', input: {} };
    const callers: IpcInvokeEventLike[] = [
      from(window, 'https://evil.example/index.html'),
      from(window, 'file:///home/me/Downloads/index.html'),
      from(window, APP_URL, { url: APP_URL }),
      { sender: { id: 1 }, senderFrame: null },
      from(new FakeContents(9)),
    ];
    for (const caller of callers)
      expect(await ipcMain.invoke(caller, message)).toEqual({ ok: false, error: { code: 'OPR-164', message: expect.any(String) } });
    expect(engine.handled).toEqual([]);
  });

  it('refuses malformed messages and unknown calls with OPR-160; the engine checks the input', async () => {
    const { engine, ipcMain, router, from, call } = await routed();
    const window = new FakeContents(1);
    router.attach(window);
    for (const message of [undefined, 'workspaces.list', { input: {} }, { call: 'workspaces.list', input: {}, extra: 1 }, { call: '' }]) {
      expect(await ipcMain.invoke(from(window), message)).toMatchObject({ ok: false, error: { code: 'OPR-160' } });
    }
    expect(await call(window, 'app.quit')).toEqual({ ok: false, error: { code: 'OPR-160', message: 'unknown call "app.quit"' } });
    expect(engine.handled).toEqual([]);
    expect(await call(window, 'workflows.open', { id: 7 })).toMatchObject({
      ok: false,
      error: { code: 'OPR-160', problems: [expect.objectContaining({ path: 'input.id' })] },
    });
    expect(engine.handled).toEqual(['workflows.open']);
  });

  it("closes a window's engine connection when the window goes, and stops answering when disposed", async () => {
    const { engine, ipcMain, router, call } = await routed();
    const window = new FakeContents(1);
    router.attach(window);
    expect((await call(window, 'workspaces.list')).ok).toBe(true);
    window.destroy();
    await engine.closed(1);
    expect(await call(window, 'workspaces.list')).toMatchObject({ ok: false, error: { code: 'OPR-164' } });
    router.dispose();
    expect(ipcMain.handlers.size).toBe(0);
  });

  it('after an engine restart, gives every window a new connection and tells it with host.restarted', async () => {
    const { engine, router, call } = await routed();
    const window = new FakeContents(1);
    router.attach(window);
    expect((await call(window, 'workspaces.list')).ok).toBe(true);
    expect((await call(window, 'workflows.list', { workspace: 'team-a' })).ok).toBe(true);
    const pending = call(window, 'workflows.list');
    router.reconnectAll('the engine process exited with code 9');
    expect(await pending).toMatchObject({ ok: false, error: { code: 'OPR-162' } });
    expect(window.events('host.restarted')).toEqual([
      { workspace: 'default', reason: 'the engine process exited with code 9' },
      { workspace: 'team-a', reason: 'the engine process exited with code 9' },
    ]);
    await engine.closed(1);
    expect(await call(window, 'workflows.list')).toEqual({ ok: true, output: { workflows: [] } });
  });

  it("answers the desktop contract's calls in the main process, validated, never sending them to the engine", async () => {
    const asked: { input: unknown; window: number }[] = [];
    const desktop: Partial<DesktopCallImpls> = {
      'desktop.providerKeys.list': (input, contents) => {
        asked.push({ input, window: contents.id });
        return Promise.resolve({ storage: { available: true }, keys: [] });
      },
      'desktop.providerKeys.set': () => Promise.reject(new ApiError('OPR-165', 'no keychain here')),
      'desktop.providerKeys.remove': () => Promise.resolve({ removed: false }),
    };
    const { engine, router, call } = await routed(desktop);
    const window = new FakeContents(3);
    router.attach(window);
    expect(await call(window, 'desktop.providerKeys.list')).toEqual({ ok: true, output: { storage: { available: true }, keys: [] } });
    expect(asked).toEqual([{ input: {}, window: 3 }]);
    // The input is checked against the desktop contract before the main process sees it.
    expect(await call(window, 'desktop.providerKeys.remove', { name: 'lower case' })).toMatchObject({
      ok: false,
      error: { code: 'OPR-160', problems: [expect.objectContaining({ path: 'desktop.providerKeys.remove.name' })] },
    });
    // A failure keeps its code across IPC.
    expect(await call(window, 'desktop.providerKeys.set', { name: 'OPENAI_API_KEY', value: 'sk-1' })).toEqual({
      ok: false,
      error: { code: 'OPR-165', message: 'no keychain here' },
    });
    expect(engine.handled).toEqual([]);
    // Without the main process's implementations (as in a test of the engine road) the call is refused, not forwarded.
    const bare = await routed();
    const other = new FakeContents(4);
    bare.router.attach(other);
    expect(await bare.call(other, 'desktop.providerKeys.list')).toMatchObject({ ok: false, error: { code: 'OPR-160' } });
    expect(bare.engine.handled).toEqual([]);
  });

  it('pushes the desktop shell its own events on the event channel, and none to a closed window', () => {
    const window = new FakeContents(5);
    sendDesktopEvent(window, 'desktop.command', { command: 'run' });
    window.destroy();
    sendDesktopEvent(window, 'desktop.command', { command: 'save' });
    expect(window.sent).toEqual([{ channel: IPC_CHANNELS.event, message: { event: 'desktop.command', payload: { command: 'run' } } }]);
  });
});
