import { describe, expect, it } from 'vitest';
import { createBuiltinRegistry } from '../../../src-shared/nodes/builtin.ts';
import type { Workflow } from '../../../src-shared/workflow/schema.ts';
import { validateWorkflow } from '../../../src-shared/workflow/validate.ts';
import { stickyNodeId } from '../../editor/sticky-notes.ts';
import { catalogueFromRegistry, portsForRegistry } from '../../editor/test-catalogue.ts';
import { createEditorStore } from './create-editor-store.ts';

const registry = createBuiltinRegistry();
const workflow: Workflow = {
  schemaVersion: 1,
  id: 'w',
  name: 'W',
  description: '',
  settings: { concurrency: 8, defaultTimeoutMs: 1000, defaultRetries: 0, defaultRetryDelayMs: 0, maxNodeExecutions: 100, cache: false },
  nodes: [
    { id: 'start', type: 'core.manual-trigger', typeVersion: 1, position: { x: 0, y: 0 }, config: {} },
    { id: 'transform-1', type: 'core.transform', typeVersion: 1, position: { x: 400, y: 0 }, config: { expression: '$' } },
    { id: 'transform-2', type: 'core.transform', typeVersion: 1, position: { x: 400, y: 200 }, config: { expression: '$' } },
  ],
  edges: [{ id: 'e-1', source: 'start', sourcePort: 'out', target: 'transform-1', targetPort: 'in' }],
};

function setup() {
  const store = createEditorStore({
    workflow,
    catalogue: catalogueFromRegistry(registry),
    portsFor: portsForRegistry(registry),
    validate: (doc) => {
      const result = validateWorkflow(doc, registry);
      return result.ok ? [] : result.problems;
    },
  });
  const reasons: string[] = [];
  store.getState().actions.subscribeChanges((change) => reasons.push(change.reason));
  return { store, actions: store.getState().actions, reasons, edges: () => store.getState().actions.toWorkflow().edges };
}

const wire = (edge: { source: string; sourcePort: string; target: string; targetPort: string }) =>
  `${edge.source}.${edge.sourcePort}->${edge.target}.${edge.targetPort}`;

describe('canvas edits', () => {
  it('replaces the edge on an occupied input in one undo step', () => {
    const { actions, edges, reasons } = setup();
    expect(actions.connect({ source: 'transform-2', sourceHandle: 'out', target: 'transform-1', targetHandle: 'in' }).ok).toBe(false);
    const result = actions.connectReplacing({ source: 'transform-2', sourceHandle: 'out', target: 'transform-1', targetHandle: 'in' });
    expect(result).toEqual({ ok: true });
    expect(edges().map(wire)).toEqual(['transform-2.out->transform-1.in']);
    expect(reasons).toEqual(['connect']);
    actions.undo();
    expect(edges().map(wire)).toEqual(['start.out->transform-1.in']);
  });

  it('refuses a replacement that would close a cycle or repeat the edge, changing nothing', () => {
    const { actions, edges } = setup();
    actions.connect({ source: 'transform-1', sourceHandle: 'out', target: 'transform-2', targetHandle: 'in' });
    const cycle = actions.connectReplacing({ source: 'transform-2', sourceHandle: 'out', target: 'transform-1', targetHandle: 'in' });
    expect(cycle.ok).toBe(false);
    const same = actions.connectReplacing({ source: 'start', sourceHandle: 'out', target: 'transform-1', targetHandle: 'in' });
    expect(same).toEqual({ ok: false, reason: 'that edge is already there' });
    expect(edges()).toHaveLength(2);
  });

  it('adds a node wired to a dropped wire, either way, as one undo step, and selects it', () => {
    const { store, actions, edges, reasons } = setup();
    const out = actions.addConnectedNode('core.output', { x: 800, y: 0 }, { nodeId: 'transform-1', port: 'out', side: 'source' }, 'in');
    expect(out).toEqual({ ok: true, id: 'output-1' });
    expect(edges().map(wire)).toContain('transform-1.out->output-1.in');
    expect(store.getState().selection.nodeIds).toEqual(['output-1']);
    const back = actions.addConnectedNode('core.delay', { x: 0, y: 200 }, { nodeId: 'transform-2', port: 'in', side: 'target' }, 'out');
    expect(back).toEqual({ ok: true, id: 'delay-1' });
    expect(edges().map(wire)).toContain('delay-1.out->transform-2.in');
    expect(reasons).toEqual(['addConnectedNode', 'addConnectedNode']);
    actions.undo();
    expect(store.getState().graph.nodes.map((node) => node.id)).not.toContain('delay-1');
    expect(edges()).toHaveLength(2);
  });

  it('refuses a dropped wire whose types do not fit, adding nothing', () => {
    const { store, actions } = setup();
    const result = actions.addConnectedNode('core.map', { x: 0, y: 0 }, { nodeId: 'start', port: 'out', side: 'source' }, 'items');
    expect(result.ok).toBe(false);
    expect(store.getState().graph.nodes).toHaveLength(3);
  });

  it('inserts after a node: to its right, clear of others, wired from its first fitting output', () => {
    const { store, actions, edges } = setup();
    const result = actions.insertAfter('core.output', 'transform-1');
    expect(result).toEqual({ ok: true, id: 'output-1', connected: true });
    const added = store.getState().graph.nodes.find((node) => node.id === 'output-1');
    expect(added?.position.x).toBeGreaterThan(400 + 200);
    expect(edges().map(wire)).toContain('transform-1.out->output-1.in');
    // Nothing of a Memory delete's (a number) fits a Map's items (an array): inserted, not wired.
    const mapAfter = actions.insertAfter('core.map', 'output-1');
    expect(mapAfter).toMatchObject({ ok: true, connected: false });
    const second = actions.insertAfter('core.delay', 'transform-1');
    const delay = store.getState().graph.nodes.find((node) => node.id === (second.ok ? second.id : ''));
    expect(delay?.position).not.toEqual(added?.position);
  });

  it('keeps sticky notes in the document, each edit one undo step; a drag is one step when it ends', () => {
    const { store, actions, reasons } = setup();
    const added = actions.addStickyNote({ x: 10, y: 20 });
    if (!added.ok) throw new Error(added.reason);
    actions.updateStickyNote(added.id, { text: 'A' });
    actions.updateStickyNote(added.id, { text: 'Ab' });
    actions.updateStickyNote(added.id, { colour: 'green' });
    expect(actions.toWorkflow().stickyNotes).toEqual([
      { id: 'note-1', text: 'Ab', position: { x: 10, y: 20 }, size: { width: 240, height: 160 }, colour: 'green' },
    ]);
    const id = stickyNodeId(added.id);
    actions.onStickyChanges([{ type: 'position', id, position: { x: 50, y: 60 }, dragging: true }]);
    actions.onStickyChanges([{ type: 'position', id, position: { x: 90, y: 100 }, dragging: true }]);
    expect(store.getState().graph.meta.stickyNotes?.[0]?.position).toEqual({ x: 90, y: 100 });
    actions.onStickyChanges([{ type: 'position', id, dragging: false }]);
    actions.onStickyChanges([{ type: 'dimensions', id, dimensions: { width: 400, height: 300 }, resizing: true }]);
    actions.onStickyChanges([{ type: 'dimensions', id, dimensions: { width: 420, height: 310 }, resizing: false }]);
    expect(reasons).toEqual([
      'addStickyNote',
      'updateStickyNote',
      'updateStickyNote',
      'updateStickyNote',
      'moveStickyNote',
      'moveStickyNote',
    ]);
    expect(actions.toWorkflow().stickyNotes?.[0]).toMatchObject({ position: { x: 90, y: 100 }, size: { width: 420, height: 310 } });
    actions.undo();
    expect(actions.toWorkflow().stickyNotes?.[0]).toMatchObject({ position: { x: 90, y: 100 }, size: { width: 240, height: 160 } });
    actions.undo();
    expect(actions.toWorkflow().stickyNotes?.[0]?.position).toEqual({ x: 10, y: 20 });
    actions.removeStickyNotes([added.id]);
    expect(actions.toWorkflow().stickyNotes).toBeUndefined();
    expect(store.getState().ui.problems).toEqual([]);
  });
});
