import { describe, expect, it } from 'vitest';
import { IPC_CHANNELS } from '../../src-shared/api/bridge.ts';
import { CALL_NAMES } from '../../src-shared/api/contract.ts';
import { DESKTOP_CALL_NAMES } from '../../src-shared/api/desktop-contract.ts';
import { createBridge, type IpcRendererLike } from './bridge.ts';

/** A hand-written `ipcRenderer`: records invokes, answers with `answer`, and lets the test push on a channel. */
function fakeIpc(answer: (channel: string, message: unknown) => Promise<unknown>) {
  const invoked: { channel: string; message: unknown }[] = [];
  const listeners = new Map<string, ((event: unknown, message: unknown) => void)[]>();
  const ipc: IpcRendererLike = {
    invoke(channel, message) {
      invoked.push({ channel, message });
      return answer(channel, message);
    },
    on(channel, listener) {
      listeners.set(channel, [...(listeners.get(channel) ?? []), listener]);
    },
  };
  const push = (channel: string, message: unknown): void => {
    for (const listener of listeners.get(channel) ?? []) listener({}, message);
  };
  return { ipc, invoked, push, listeners };
}

describe('createBridge: window.operon over ipcRenderer', () => {
  it('exposes exactly version, request and onEvent, frozen', () => {
    const bridge = createBridge(fakeIpc(() => Promise.resolve(undefined)).ipc, '1.2.3');
    expect(Object.keys(bridge).sort()).toEqual(['onEvent', 'request', 'version']);
    expect(bridge.version).toBe('1.2.3');
    expect(Object.isFrozen(bridge)).toBe(true);
  });

  it('sends a contract call on the request channel and gives back the answer', async () => {
    const { ipc, invoked } = fakeIpc(() => Promise.resolve({ ok: true, output: { workspaces: [{ id: 'default' }] } }));
    const bridge = createBridge(ipc, '0');
    expect(await bridge.request('workspaces.list', { workspace: 'default' })).toEqual({
      ok: true,
      output: { workspaces: [{ id: 'default' }] },
    });
    expect(invoked).toEqual([{ channel: IPC_CHANNELS.request, message: { call: 'workspaces.list', input: { workspace: 'default' } } }]);
    // Every name of both contracts goes through: nothing to edit when a call is added.
    for (const call of [...CALL_NAMES, ...DESKTOP_CALL_NAMES]) expect((await bridge.request(call, {})).ok).toBe(true);
  });

  it('answers a name outside the contract with OPR-160 itself, without crossing IPC', async () => {
    const { ipc, invoked } = fakeIpc(() => Promise.resolve({ ok: true, output: {} }));
    const bridge = createBridge(ipc, '0');
    for (const call of ['shell.openExternal', '__proto__', 'toString', '', 42, undefined]) {
      expect(await bridge.request(call as never, {})).toEqual({
        ok: false,
        error: { code: 'OPR-160', message: expect.stringContaining('not in the Operon API contract') },
      });
    }
    expect(invoked).toEqual([]);
  });

  it('passes the API error on, and turns a lost link or a malformed answer into OPR-162', async () => {
    const refused = { ok: false, error: { code: 'OPR-161', message: 'no workflow "x"' } };
    expect(await createBridge(fakeIpc(() => Promise.resolve(refused)).ipc, '0').request('workflows.open', { id: 'x' })).toEqual(refused);

    const lost = createBridge(fakeIpc(() => Promise.reject(new Error("No handler registered for 'operon:api-request'"))).ipc, '0');
    expect(await lost.request('workflows.list', {})).toEqual({
      ok: false,
      error: { code: 'OPR-162', message: expect.stringContaining('No handler registered') },
    });
    for (const malformed of [undefined, 'yes', { ok: 'yes' }, { ok: false, error: { code: 'OPR-999', message: 'x' } }]) {
      const bridge = createBridge(fakeIpc(() => Promise.resolve(malformed)).ipc, '0');
      expect(await bridge.request('workflows.list', {})).toMatchObject({ ok: false, error: { code: 'OPR-162' } });
    }
  });

  it('delivers only well-formed contract events to its listeners, until they unsubscribe', () => {
    const { ipc, push } = fakeIpc(() => Promise.resolve(undefined));
    const bridge = createBridge(ipc, '0');
    const got: [string, unknown][] = [];
    const unsubscribe = bridge.onEvent((event, payload) => got.push([event, payload]));
    bridge.onEvent(() => {
      throw new Error('a broken listener');
    });
    const later: string[] = [];
    bridge.onEvent((event) => later.push(event));

    push(IPC_CHANNELS.event, { event: 'runs.changed', payload: { runId: 'r1' } });
    push(IPC_CHANNELS.event, { event: 'desktop.command', payload: { command: 'run' } });
    push(IPC_CHANNELS.event, { event: 'secrets.leaked', payload: {} });
    push(IPC_CHANNELS.event, { event: 'toString', payload: {} });
    push(IPC_CHANNELS.event, 'run.event');
    push(IPC_CHANNELS.event, { payload: {} });
    push('some-other-channel', { event: 'runs.changed', payload: {} });
    unsubscribe();
    push(IPC_CHANNELS.event, { event: 'run.watchEnded', payload: { runId: 'r1' } });

    expect(got).toEqual([
      ['runs.changed', { runId: 'r1' }],
      ['desktop.command', { command: 'run' }],
    ]);
    expect(later).toEqual(['runs.changed', 'desktop.command', 'run.watchEnded']);
    expect(() => bridge.onEvent('not a function' as never)).toThrow(TypeError);
  });
});
