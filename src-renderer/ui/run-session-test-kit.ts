// A run session over a fake API client (answers by call name, events pushed by hand), for the run session's tests.
import type { ApiClient } from '../../src-shared/api/client.ts';
import type { EngineEvent } from '../../src-shared/engine/events.ts';
import { createBuiltinRegistry } from '../../src-shared/nodes/builtin.ts';
import type { Workflow } from '../../src-shared/workflow/schema.ts';
import { createEditorStore } from '../editor/store/index.ts';
import { catalogueFromRegistry, portsForRegistry } from '../editor/test-catalogue.ts';
import { createBreakpointStore } from './debug/breakpoint-store.ts';
import { createRunSession } from './run-session.ts';

const registry = createBuiltinRegistry();
export const workflow: Workflow = {
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
export const ev = (runId: string, body: Record<string, unknown>) => ({ seq: seq++, ts: 0, runId, ...body }) as unknown as EngineEvent;
export const started = (runId: string, workflowId = 'w') =>
  ev(runId, { type: 'run.started', workflowId, workflowHash: 'h', trigger: { type: 'manual' }, inputs: {} });

export type Answer = (input: Record<string, unknown>) => unknown;

export function setup(onStart: (push: (runId: string, event: EngineEvent) => void) => void, answers: Record<string, Answer> = {}) {
  const editor = createEditorStore({ workflow, catalogue: catalogueFromRegistry(registry), portsFor: portsForRegistry(registry) });
  const handlers = new Set<(payload: unknown) => void>();
  const calls: { name: string; input: unknown }[] = [];
  const push = (runId: string, event: EngineEvent) => {
    for (const handler of handlers) handler({ workspace: 'default', runId, event });
  };
  const api = {
    // Async, so an answer that throws is a rejected call.
    call: async (name: string, input: Record<string, unknown>) => {
      calls.push({ name, input });
      await Promise.resolve();
      const answer = answers[name];
      if (answer !== undefined) return answer(input);
      if (name === 'runs.start') {
        onStart(push);
        return { runId: 'r1' };
      }
      if (name === 'runs.events') return { events: [], nextSeq: null, warnings: [] };
      if (name === 'pins.list') return { pins: {} };
      return { runId: 'r1' };
    },
    on: (_name: string, handler: (payload: unknown) => void) => {
      handlers.add(handler);
      return () => handlers.delete(handler);
    },
  } as unknown as ApiClient;
  let saves = 0;
  const breakpoints = createBreakpointStore(undefined);
  const paused: string[] = [];
  const session = createRunSession({
    api,
    editor,
    workflowId: 'w',
    breakpoints,
    onPause: (held) => paused.push(held.nodeId),
    save: () => {
      saves++;
      return Promise.resolve(true);
    },
  });
  return { editor, session, calls, push, saves: () => saves, breakpoints, paused };
}
