// A run session over the fake server of ../../testing/fake-run-server.ts, for the run session's tests.
import type { EngineEvent } from '../../../../src-shared/engine/events.ts';
import { createBuiltinRegistry } from '../../../../src-shared/nodes/builtin.ts';
import type { Workflow } from '../../../../src-shared/workflow/schema.ts';
import { catalogueFromRegistry, portsForRegistry } from '../../../editor/test-catalogue.ts';
import { bindWorkspace } from '../../api-context.ts';
import { createBreakpointStore } from '../../debug/breakpoint-store.ts';
import { createEditorStore } from '../../editor-store/index.ts';
import { createLiveRuns } from '../../live-run/live-runs.ts';
import { createFakeClient, createFakeRunServer, type Answer } from '../../testing/fake-run-server.ts';
import { createRunSession } from '../run-session.ts';

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

export function setup(
  onStart: (push: (runId: string, event: EngineEvent) => void) => void,
  answers: Record<string, Answer> = {},
  doc: Workflow = workflow,
) {
  const editor = createEditorStore({ workflow: doc, catalogue: catalogueFromRegistry(registry), portsFor: portsForRegistry(registry) });
  const server = createFakeRunServer();
  const push = (runId: string, event: EngineEvent) => server.push(runId, event);
  const { client, calls } = createFakeClient(server, answers, () => onStart(push));
  const api = bindWorkspace(client, 'default');
  const liveRuns = createLiveRuns(api);
  let saves = 0;
  const breakpoints = createBreakpointStore(undefined);
  const paused: string[] = [];
  const session = createRunSession({
    api,
    liveRuns,
    editor,
    workflowId: 'w',
    breakpoints,
    onPause: (held) => paused.push(held.nodeId),
    save: () => {
      saves++;
      return Promise.resolve(true);
    },
  });
  return { editor, session, calls, push, server, liveRuns, saves: () => saves, breakpoints, paused };
}
