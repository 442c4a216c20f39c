import { describe, expect, it } from 'vitest';
import type { BridgeAnswer, OperonBridge } from '../../src-shared/api/bridge.ts';
import { createApiClient } from '../../src-shared/api/client.ts';
import type { EventName } from '../../src-shared/api/contract.ts';
import { createIpcTransport, findBridge } from './ipc-transport.ts';

/** A bridge of the preload's shape, answering with `answer` and letting the test push events. */
function fakeBridge(answer: (call: string, input: unknown) => Promise<BridgeAnswer>) {
  const listeners = new Set<(event: EventName, payload: unknown) => void>();
  const requests: [string, unknown][] = [];
  const bridge: OperonBridge = {
    version: '0.1.0',
    request(call, input) {
      requests.push([call, input]);
      return answer(call, input);
    },
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  const push = (event: EventName, payload: unknown): void => {
    for (const listener of [...listeners]) listener(event, payload);
  };
  return { bridge, requests, push };
}

describe('the IPC transport: the typed client over window.operon', () => {
  it('finds a bridge only when it has request and onEvent', () => {
    const { bridge } = fakeBridge(() => Promise.resolve({ ok: true, output: {} }));
    expect(findBridge({ operon: bridge })).toBe(bridge);
    expect(findBridge({ operon: { version: '0.1.0' } })).toBeUndefined();
    expect(findBridge({})).toBeUndefined();
  });

  it('answers calls with their outputs and turns error answers into ApiErrors with their code', async () => {
    const { bridge, requests } = fakeBridge((call) =>
      Promise.resolve<BridgeAnswer>(
        call === 'workspaces.list'
          ? { ok: true, output: { workspaces: [{ id: 'default' }] } }
          : { ok: false, error: { code: 'OPR-161', message: 'no workflow "x"' } },
      ),
    );
    const client = createApiClient(createIpcTransport(bridge));
    expect(await client.call('workspaces.list', {})).toEqual({ workspaces: [{ id: 'default' }] });
    await expect(client.call('workflows.open', { id: 'x' })).rejects.toMatchObject({ name: 'ApiError', code: 'OPR-161' });
    await expect(createIpcTransport(bridge).request('shell.open', {})).rejects.toMatchObject({ code: 'OPR-160' });
    expect(requests.map(([call]) => call)).toEqual(['workspaces.list', 'workflows.open']);
  });

  it('delivers pushed events to the client, and reports a restarted engine host as a reconnect', () => {
    const { bridge, push } = fakeBridge(() => Promise.resolve({ ok: true, output: {} }));
    const statuses: string[] = [];
    const client = createApiClient(createIpcTransport(bridge, { onStatus: (status) => statuses.push(status) }));
    const changed: unknown[] = [];
    client.on('runs.changed', (payload) => changed.push(payload));
    const payload = { workspace: 'default', runId: 'r1', workflowId: 'w', status: 'running' };
    push('runs.changed', payload);
    expect(changed).toEqual([payload]);
    expect(statuses).toEqual(['open']);
    push('host.restarted', { workspace: 'default', reason: 'the engine process stopped unexpectedly (exit code 9)' });
    expect(statuses).toEqual(['open', 'closed', 'open']);
  });
});
