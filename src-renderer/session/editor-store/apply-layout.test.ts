import { describe, expect, it } from 'vitest';
import { createBuiltinRegistry } from '../../../src-shared/nodes/builtin.ts';
import type { Workflow } from '../../../src-shared/workflow/schema.ts';
import { layoutGraph } from '../../editor/layout.ts';
import { catalogueFromRegistry, portsForRegistry } from '../../editor/test-catalogue.ts';
import { createEditorStore } from './create-editor-store.ts';
import type { GraphChange } from '../../editor/store/editor-state.ts';

const registry = createBuiltinRegistry();
const workflow: Workflow = {
  schemaVersion: 1,
  id: 'w',
  name: 'W',
  description: '',
  settings: { concurrency: 8, defaultTimeoutMs: 1000, defaultRetries: 0, defaultRetryDelayMs: 0, maxNodeExecutions: 100, cache: false },
  nodes: [
    { id: 'start', type: 'core.manual-trigger', typeVersion: 1, position: { x: 500, y: 500 }, config: {} },
    { id: 'transform-1', type: 'core.transform', typeVersion: 1, position: { x: 0, y: 0 }, config: { expression: '$' } },
    { id: 'transform-2', type: 'core.transform', typeVersion: 1, position: { x: 0, y: 0 }, config: { expression: '$' } },
  ],
  edges: [
    { id: 'e1', source: 'start', sourcePort: 'out', target: 'transform-1', targetPort: 'in' },
    { id: 'e2', source: 'transform-1', sourcePort: 'out', target: 'transform-2', targetPort: 'in' },
  ],
};

function setup() {
  const store = createEditorStore({ workflow, catalogue: catalogueFromRegistry(registry), portsFor: portsForRegistry(registry) });
  const changes: GraphChange[] = [];
  store.getState().actions.subscribeChanges((change) => changes.push(change));
  return { store, actions: store.getState().actions, changes };
}

const positionsOf = (nodes: readonly { id: string; position: { x: number; y: number } }[]) =>
  Object.fromEntries(nodes.map((node) => [node.id, node.position]));

describe('applyLayout', () => {
  it('moves every node as one undo step; undo restores all positions, redo the layout', () => {
    const { store, actions, changes } = setup();
    const before = positionsOf(store.getState().graph.nodes);
    const { nodes, edges } = store.getState().graph;
    const positions = layoutGraph(nodes, edges);
    actions.applyLayout(positions);

    expect(positionsOf(store.getState().graph.nodes)).toEqual(positions);
    expect(changes.map((c) => c.reason)).toEqual(['layout']);
    expect(changes[0]?.workflow().nodes.map((n) => n.position)).toEqual(workflow.nodes.map((n) => positions[n.id]));
    expect(store.getState().ui).toMatchObject({ dirty: true, canUndo: true });

    actions.undo();
    expect(positionsOf(store.getState().graph.nodes)).toEqual(before);
    expect(store.getState().ui).toMatchObject({ dirty: false, canUndo: false, canRedo: true });

    actions.redo();
    expect(positionsOf(store.getState().graph.nodes)).toEqual(positions);
  });

  it('keeps the nodes it does not move, and is no edit when nothing moves', () => {
    const { store, actions, changes } = setup();
    const [start, t1] = store.getState().graph.nodes;
    actions.applyLayout({ 'transform-2': { x: 10, y: 20 }, gone: { x: 1, y: 1 } });
    const after = store.getState().graph.nodes;
    expect(after[0]).toBe(start);
    expect(after[1]).toBe(t1);
    expect(after[2]?.position).toEqual({ x: 10, y: 20 });

    actions.applyLayout({ 'transform-2': { x: 10, y: 20 } });
    expect(changes.map((c) => c.reason)).toEqual(['layout']);
  });
});
