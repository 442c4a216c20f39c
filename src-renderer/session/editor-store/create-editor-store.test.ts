import { describe, expect, it } from 'vitest';
import { createBuiltinRegistry } from '../../../src-shared/nodes/builtin.ts';
import { validateWorkflow } from '../../../src-shared/workflow/validate.ts';
import type { Workflow } from '../../../src-shared/workflow/schema.ts';
import { catalogueFromRegistry, portsForRegistry } from '../../editor/test-catalogue.ts';
import { createEditorStore } from './create-editor-store.ts';
import type { GraphChange } from '../../editor/store/editor-state.ts';
import { selectNodeData, selectNodeProblems, selectNodeStatus } from '../../editor/store/selectors.ts';

const registry = createBuiltinRegistry();
const workflow: Workflow = {
  schemaVersion: 1,
  id: 'w',
  name: 'W',
  description: '',
  settings: { concurrency: 8, defaultTimeoutMs: 1000, defaultRetries: 0, defaultRetryDelayMs: 0, maxNodeExecutions: 100, cache: false },
  nodes: [
    { id: 'start', type: 'core.manual-trigger', typeVersion: 1, position: { x: 0, y: 0 }, config: {} },
    { id: 'transform-1', type: 'core.transform', typeVersion: 1, position: { x: 200, y: 0 }, config: { expression: '$' } },
  ],
  edges: [{ id: 'e1', source: 'start', sourcePort: 'out', target: 'transform-1', targetPort: 'in' }],
};

function setup(now = { t: 0 }) {
  const store = createEditorStore({
    workflow,
    catalogue: catalogueFromRegistry(registry),
    portsFor: portsForRegistry(registry),
    validate: (doc) => {
      const result = validateWorkflow(doc, registry);
      return result.ok ? [] : result.problems;
    },
    now: () => now.t,
  });
  const changes: GraphChange[] = [];
  store.getState().actions.subscribeChanges((change) => changes.push(change));
  return { store, actions: store.getState().actions, changes, now };
}

describe('editor store', () => {
  it('starts clean with the document', () => {
    const { store, actions } = setup();
    expect(store.getState().ui).toMatchObject({ dirty: false, canUndo: false, canRedo: false, problems: [] });
    expect(actions.toWorkflow()).toStrictEqual(workflow);
  });

  it('adds a node from the catalogue with default config and a readable id; undo and redo', () => {
    const { store, actions, changes } = setup();
    const result = actions.addNode('core.transform', { x: 5, y: 6 });
    expect(result).toEqual({ ok: true, id: 'transform-2' });
    const added = store.getState().graph.nodes[2];
    expect(added).toMatchObject({
      id: 'transform-2',
      position: { x: 5, y: 6 },
      data: { type: 'core.transform', typeVersion: 1, config: { expression: '$' } },
    });
    expect(store.getState().ui).toMatchObject({ dirty: true, canUndo: true });
    expect(changes.map((c) => c.reason)).toEqual(['addNode']);
    expect(changes[0]?.workflow().nodes).toHaveLength(3);
    // validation runs on every edit and names the node
    actions.updateConfig('transform-2', ['expression'], '$.(');
    expect(selectNodeProblems('transform-2')(store.getState()).map((p) => p.code)).toEqual(['OPR-011']);
    actions.undo();
    expect(store.getState().ui.problems).toEqual([]);
    actions.undo();
    expect(store.getState().graph.nodes).toHaveLength(2);
    expect(store.getState().ui).toMatchObject({ dirty: false, canUndo: false, canRedo: true, problems: [] });
    actions.redo();
    expect(store.getState().graph.nodes).toHaveLength(3);
    expect(store.getState().ui.dirty).toBe(true);
    expect(actions.addNode('acme.nope', { x: 0, y: 0 })).toEqual({ ok: false, reason: 'unknown node type "acme.nope"' });
  });

  it('tracks dirty against the saved revision', () => {
    const { store, actions } = setup();
    actions.renameNode('start', 'Go');
    actions.markSaved();
    expect(store.getState().ui.dirty).toBe(false);
    actions.undo();
    expect(store.getState().ui.dirty).toBe(true);
    actions.redo();
    expect(store.getState().ui.dirty).toBe(false);
    expect(actions.toWorkflow().nodes[0]?.label).toBe('Go');
  });

  it('connects through the rules and returns the refusal', () => {
    const { store, actions } = setup();
    actions.addNode('core.output', { x: 400, y: 0 });
    expect(actions.connect({ source: 'transform-1', sourceHandle: 'out', target: 'output-1', targetHandle: 'in' })).toEqual({ ok: true });
    expect(store.getState().graph.edges[1]).toMatchObject({ id: 'e-1', source: 'transform-1', target: 'output-1' });
    const refused = actions.connect({ source: 'start', sourceHandle: 'out', target: 'output-1', targetHandle: 'in' });
    expect(refused).toEqual({ ok: false, reason: 'input "in" of node "output-1" already has an edge' });
    expect(store.getState().graph.edges).toHaveLength(2);
    expect(store.getState().ui.problems).toEqual([]);
  });

  it('coalesces typing in one field into one undo step', () => {
    const { store, actions, now } = setup();
    const before = store.getState().graph.nodes[1]?.data;
    for (const text of ['$.', '$.a', '$.ab']) {
      now.t += 200;
      actions.updateConfig('transform-1', ['expression'], text);
    }
    now.t += 5000;
    actions.updateConfig('transform-1', ['expression'], '$.abc');
    expect(selectNodeData('transform-1')(store.getState())?.config).toEqual({ expression: '$.abc' });
    actions.undo();
    expect(selectNodeData('transform-1')(store.getState())?.config).toEqual({ expression: '$.ab' });
    actions.undo();
    expect(store.getState().graph.nodes[1]?.data).toBe(before);
    expect(actions.updateConfig('missing', ['x'], 1)).toEqual({ ok: false, reason: 'node "missing" does not exist' });
  });

  it('updates nested config paths and dynamic ports follow the config', () => {
    const { store, actions } = setup();
    const { id } = actions.addNode('core.router', { x: 0, y: 0 }) as { ok: true; id: string };
    actions.updateConfig(id, ['routes', 0], { name: 'big', expression: 'true' });
    actions.updateConfig(id, ['routes', 0, 'expression'], 'amount > 10');
    expect(selectNodeData(id)(store.getState())?.config.routes).toEqual([{ name: 'big', expression: 'amount > 10' }]);
    actions.addNode('core.output', { x: 0, y: 0 });
    expect(actions.connect({ source: id, sourceHandle: 'big', target: 'output-1', targetHandle: 'in' })).toEqual({ ok: true });
  });

  it('coalesces a drag into one undo step and ignores selection and sizes for history', () => {
    const { store, actions, changes } = setup();
    actions.onNodesChange([{ type: 'select', id: 'start', selected: true }]);
    actions.onNodesChange([{ type: 'dimensions', id: 'start', dimensions: { width: 100, height: 40 } }]);
    expect(store.getState().selection.nodeIds).toEqual(['start']);
    expect(store.getState().graph.nodes[0]).toMatchObject({ selected: true, measured: { width: 100, height: 40 } });
    expect(store.getState().ui.canUndo).toBe(false);
    const startNodes = store.getState().graph.nodes;
    for (let x = 1; x <= 5; x++) actions.onNodesChange([{ type: 'position', id: 'start', position: { x: x * 10, y: 0 }, dragging: true }]);
    expect(changes).toEqual([]);
    expect(store.getState().graph.nodes[1]).toBe(startNodes[1]); // other nodes untouched
    actions.onNodesChange([{ type: 'position', id: 'start', position: { x: 60, y: 0 }, dragging: false }]);
    expect(changes.map((c) => c.reason)).toEqual(['move']);
    expect(actions.toWorkflow().nodes[0]?.position).toEqual({ x: 60, y: 0 });
    actions.undo();
    expect(actions.toWorkflow().nodes[0]?.position).toEqual({ x: 0, y: 0 });
    expect(store.getState().graph.nodes[0]?.measured).toEqual({ width: 100, height: 40 });
    expect(store.getState().ui.canUndo).toBe(false);
    // a keyboard move (no drag) is its own step; a click-drag that does not move is none
    actions.onNodesChange([{ type: 'position', id: 'start', position: { x: 0, y: 5 } }]);
    actions.onNodesChange([{ type: 'position', id: 'start', position: { x: 0, y: 5 }, dragging: true }]);
    actions.onNodesChange([{ type: 'position', id: 'start', position: { x: 0, y: 5 }, dragging: false }]);
    expect(changes.map((c) => c.reason)).toEqual(['move', 'undo', 'move']);
  });

  it('removes nodes with their edges, from React Flow and from the selection', () => {
    const { store, actions } = setup();
    actions.select({ nodeIds: ['start'] });
    actions.deleteSelection();
    expect(store.getState().graph.nodes.map((n) => n.id)).toEqual(['transform-1']);
    expect(store.getState().graph.edges).toEqual([]);
    expect(store.getState().selection.nodeIds).toEqual([]);
    actions.undo();
    expect(store.getState().graph.edges).toHaveLength(1);
    expect(store.getState().selection.nodeIds).toEqual(['start']);
    actions.onEdgesChange([{ type: 'remove', id: 'e1' }]);
    expect(store.getState().graph.edges).toEqual([]);
    actions.onNodesChange([{ type: 'remove', id: 'transform-1' }]);
    expect(store.getState().graph.nodes.map((n) => n.id)).toEqual(['start']);
  });

  it('duplicates and pastes with new ids, selecting the copies', () => {
    const { store, actions } = setup();
    const dup = actions.duplicate(['start', 'transform-1']);
    expect(dup).toEqual({ ok: true, ids: ['manual-trigger-1', 'transform-2'] });
    expect(store.getState().selection.nodeIds).toEqual(['manual-trigger-1', 'transform-2']);
    expect(store.getState().graph.edges.at(-1)).toMatchObject({ source: 'manual-trigger-1', target: 'transform-2' });
    const text = actions.copy(['transform-1'])!;
    const other = setup().actions;
    expect(other.paste(text, { x: 500, y: 500 })).toEqual({ ok: true, ids: ['transform-2'] });
    expect(other.toWorkflow().nodes.at(-1)?.position).toEqual({ x: 500, y: 500 });
    expect(other.paste('nope')).toMatchObject({ ok: false });
    expect(actions.duplicate([])).toEqual({ ok: false, reason: 'nothing to duplicate' });
  });

  it('renames, updates settings and meta', () => {
    const { store, actions } = setup();
    actions.renameNode('transform-1', '  Pick  ');
    actions.updateNodeSettings('transform-1', { retries: 3, onError: 'route' });
    actions.updateMeta({ name: 'Renamed' });
    const doc = actions.toWorkflow();
    expect(doc.name).toBe('Renamed');
    expect(doc.nodes[1]).toMatchObject({ label: 'Pick', settings: { retries: 3, onError: 'route' } });
    actions.updateNodeSettings('transform-1', { retries: undefined, onError: undefined });
    actions.renameNode('transform-1', '');
    expect(actions.toWorkflow().nodes[1]).toStrictEqual(workflow.nodes[1]);
    expect(store.getState().ui.canUndo).toBe(true);
  });

  it('typing in one node setting is one undo step, another setting another; route opens the error port to wire', () => {
    const { actions, now } = setup();
    const wire = { source: 'transform-1', sourceHandle: 'error', target: 'transform-2', targetHandle: 'in' };
    actions.updateNodeSettings('transform-1', { timeoutMs: 3000 });
    now.t += 100;
    actions.updateNodeSettings('transform-1', { timeoutMs: 30_000 });
    expect(actions.addNode('core.transform', { x: 400, y: 0 })).toEqual({ ok: true, id: 'transform-2' });
    expect(actions.connect(wire).ok).toBe(false);
    now.t += 100;
    actions.updateNodeSettings('transform-1', { onError: 'route' });
    expect(actions.connect(wire).ok).toBe(true);
    actions.undo();
    actions.undo();
    expect(actions.toWorkflow().nodes[1]?.settings).toEqual({ timeoutMs: 30_000 });
    actions.undo(); // the added node
    actions.undo();
    expect(actions.toWorkflow().nodes[1]).toStrictEqual(workflow.nodes[1]);
  });

  it('sets and clears notes; typing notes is one undo step', () => {
    const { actions } = setup();
    actions.updateNotes('transform-1', 'Picks');
    actions.updateNotes('transform-1', 'Picks the value');
    expect(actions.toWorkflow().nodes[1]).toMatchObject({ notes: 'Picks the value' });
    actions.undo();
    expect(actions.toWorkflow().nodes[1]).toStrictEqual(workflow.nodes[1]);
    actions.redo();
    actions.updateNotes('transform-1', '');
    expect(actions.toWorkflow().nodes[1]).toStrictEqual(workflow.nodes[1]);
    expect(actions.updateNotes('missing', 'x')).toMatchObject({ ok: false });
  });

  it('load replaces the document, clears history and marks it saved', () => {
    const { store, actions } = setup();
    actions.addNode('core.transform', { x: 0, y: 0 });
    actions.load({ ...workflow, name: 'Other' });
    expect(store.getState().ui).toMatchObject({ dirty: false, canUndo: false, canRedo: false });
    expect(actions.toWorkflow().name).toBe('Other');
  });

  it('keeps run statuses apart from the graph', () => {
    const { store, actions, changes } = setup();
    const base = { seq: 0, ts: 0, runId: 'r1' };
    const nodes = store.getState().graph.nodes;
    actions.applyRunEvent({ ...base, type: 'run.started', workflowId: 'w', workflowHash: 'h', trigger: { type: 'manual' }, inputs: {} });
    actions.applyRunEvent({ ...base, type: 'node.queued', nodeId: 'start' });
    expect(selectNodeStatus('start')(store.getState())).toBe('queued');
    actions.applyRunEvent({ ...base, type: 'node.started', nodeId: 'start', attempt: 1, inputs: {} });
    expect(selectNodeStatus('start')(store.getState())).toBe('running');
    expect(selectNodeStatus('transform-1')(store.getState())).toBe('pending');
    actions.applyRunEvent({ ...base, runId: 'other', type: 'node.queued', nodeId: 'transform-1' });
    expect(selectNodeStatus('transform-1')(store.getState())).toBe('pending');
    expect(store.getState().graph.nodes).toBe(nodes);
    expect(changes).toEqual([]);
    expect(store.getState().ui.dirty).toBe(false);
    actions.clearRun();
    expect(store.getState().run.status).toBe('idle');
  });
});
