import { describe, expect, it } from 'vitest';
import type { ApiClient } from '../../src-shared/api/client.ts';
import type { EngineEvent } from '../../src-shared/engine/events.ts';
import { createBuiltinRegistry } from '../../src-shared/nodes/builtin.ts';
import type { Workflow } from '../../src-shared/workflow/schema.ts';
import { createEditorStore } from '../editor/store/index.ts';
import { catalogueFromRegistry, portsForRegistry } from '../editor/test-catalogue.ts';
import { createRunSession } from './run-session.ts';

const registry = createBuiltinRegistry();
const workflow: Workflow = {
  schemaVersion: 1,
  id: 'w',
  name: 'W',
  description: '',
  settings: { concurrency: 8, defaultTimeoutMs: 1000, defaultRetries: 0, defaultRetryDelayMs: 0, maxNodeExecutions: 100, cache: false },
  nodes: [
    { id: 'start', type: 'core.manual-trigger', typeVersion: 1, position: { x: 0, y: 0 }, config: {} },
    { id: 'ok', type: 'core.approval', typeVersion: 1, position: { x: 200, y: 0 }, config: {} },
  ],
  edges: [{ id: 'e1', source: 'start', sourcePort: 'out', target: 'ok', targetPort: 'in' }],
};

let seq = 0;
const ev = (runId: string, body: Record<string, unknown>) => ({ seq: seq++, ts: 0, runId, ...body }) as unknown as EngineEvent;
const started = (runId: string, workflowId = 'w') =>
  ev(runId, { type: 'run.started', workflowId, workflowHash: 'h', trigger: { type: 'manual' }, inputs: {} });

function setup(onStart: (push: (runId: string, event: EngineEvent) => void) => void) {
  const editor = createEditorStore({ workflow, catalogue: catalogueFromRegistry(registry), portsFor: portsForRegistry(registry) });
  const handlers = new Set<(payload: unknown) => void>();
  const calls: { name: string; input: unknown }[] = [];
  const push = (runId: string, event: EngineEvent) => {
    for (const handler of handlers) handler({ workspace: 'default', runId, event });
  };
  const api = {
    call: (name: string, input: unknown) => {
      calls.push({ name, input });
      if (name === 'runs.start') {
        onStart(push);
        return Promise.resolve({ runId: 'r1' });
      }
      if (name === 'runs.events') return Promise.resolve({ events: [], nextSeq: null, warnings: [] });
      return Promise.resolve({ runId: 'r1' });
    },
    on: (_name: string, handler: (payload: unknown) => void) => {
      handlers.add(handler);
      return () => handlers.delete(handler);
    },
  } as unknown as ApiClient;
  let saves = 0;
  const session = createRunSession({
    api,
    editor,
    workflowId: 'w',
    save: () => {
      saves++;
      return Promise.resolve(true);
    },
  });
  return { editor, session, calls, push, saves: () => saves };
}

describe('run session', () => {
  it('saves, starts, applies events pushed before runs.start answers, lists approvals and decides', async () => {
    const { editor, session, calls, push, saves } = setup((pushNow) => {
      pushNow('other', started('other', 'another-workflow'));
      pushNow('r1', started('r1'));
      pushNow('r1', ev('r1', { type: 'node.finished', nodeId: 'start', status: 'succeeded', attempts: 1, durationMs: 1, outputs: {} }));
      pushNow('r1', ev('r1', { type: 'node.waiting', nodeId: 'ok', request: { title: 'Approve?', message: 'Go on?' } }));
      pushNow('r1', ev('r1', { type: 'run.waiting' }));
    });
    session.getState().actions.setInputs('{"a": 1}');
    await session.getState().actions.start();

    expect(saves()).toBe(1);
    expect(calls.find((c) => c.name === 'runs.start')?.input).toMatchObject({ workflowId: 'w', inputs: { a: 1 } });
    expect(calls.some((c) => c.name === 'runs.events')).toBe(false);
    expect(editor.getState().run).toMatchObject({
      runId: 'r1',
      status: 'waiting',
      nodes: { start: { status: 'succeeded' }, ok: { status: 'waiting' } },
    });
    expect(session.getState().approvals).toEqual([{ nodeId: 'ok', title: 'Approve?', message: 'Go on?', data: undefined }]);

    await session.getState().actions.decide('ok', 'approved');
    expect(calls.at(-1)).toEqual({ name: 'runs.decide', input: { workspace: 'default', runId: 'r1', nodeId: 'ok', decision: 'approved' } });
    expect(session.getState().approvals).toEqual([]);

    push('r1', ev('r1', { type: 'run.finished', status: 'succeeded', outputs: { answer: 42 }, totals: {} }));
    expect(session.getState().outputs).toEqual({ answer: 42 });
    expect(editor.getState().run.status).toBe('succeeded');
  });

  it('refuses inputs that are not a JSON object without starting', async () => {
    const { session, calls } = setup(() => undefined);
    session.getState().actions.setInputs('[1, 2]');
    expect(session.getState().inputsError).toBe('inputs are a JSON object');
    session.getState().actions.setInputs('{"a": ');
    expect(session.getState().inputsError).toMatch(/invalid JSON at line 1/);
    await session.getState().actions.start();
    expect(calls).toEqual([]);
  });

  it('backfills from the run log when no pushed event arrived before the answer', async () => {
    const { calls } = await (async () => {
      const s = setup(() => undefined);
      await s.session.getState().actions.start();
      return s;
    })();
    expect(calls.find((c) => c.name === 'runs.events')?.input).toEqual({ workspace: 'default', runId: 'r1', fromSeq: 0 });
  });
});
