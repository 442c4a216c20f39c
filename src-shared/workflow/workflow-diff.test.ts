import { describe, expect, it } from 'vitest';
import { WorkflowSchema, type Workflow } from './schema.ts';
import { describeChange, diffWorkflows, isNoChange } from './workflow-diff.ts';

const base: Workflow = WorkflowSchema.parse({
  schemaVersion: 1,
  id: 'triage',
  name: 'Triage',
  nodes: [
    { id: 'start', type: 'core.manualTrigger', typeVersion: 1, position: { x: 0, y: 0 }, config: {} },
    { id: 'ask', type: 'core.approval', typeVersion: 1, label: 'Ask a manager', position: { x: 200, y: 0 }, config: { title: 'OK?' } },
    { id: 'old', type: 'core.transform', typeVersion: 1, label: 'Old step', position: { x: 400, y: 0 }, config: {} },
  ],
  edges: [
    { id: 'e1', source: 'start', sourcePort: 'out', target: 'ask', targetPort: 'in' },
    { id: 'e2', source: 'ask', sourcePort: 'approved', target: 'old', targetPort: 'in' },
  ],
});

describe('diffWorkflows', () => {
  it('names added, removed and changed nodes by label, counts edges, lists changed fields', () => {
    const after: Workflow = {
      ...base,
      name: 'Triage v2',
      settings: { ...base.settings, concurrency: 2 },
      nodes: [
        base.nodes[0]!,
        { ...base.nodes[1]!, config: { title: 'Really OK?' } },
        { id: 'fetch', type: 'core.httpRequest', typeVersion: 1, label: 'Fetch', position: { x: 400, y: 100 }, config: {} },
      ],
      edges: [base.edges[0]!, { id: 'e3', source: 'ask', sourcePort: 'approved', target: 'fetch', targetPort: 'in' }],
    };
    const change = diffWorkflows(base, after);
    expect(change).toEqual({
      nodesAdded: ['Fetch'],
      nodesRemoved: ['Old step'],
      nodesChanged: ['Ask a manager'],
      nodesMoved: 0,
      edgesAdded: 1,
      edgesRemoved: 1,
      fieldsChanged: ['name', 'settings.concurrency'],
    });
    expect(describeChange(change)).toBe(
      'added "Fetch"; removed "Old step"; changed "Ask a manager"; 1 edge added; 1 edge removed; name, settings.concurrency changed',
    );
  });

  it('counts a move apart from a change, and a node without a label goes by its id', () => {
    const after: Workflow = { ...base, nodes: base.nodes.map((node) => ({ ...node, position: { x: node.position.x + 10, y: 5 } })) };
    const moved = diffWorkflows(base, after);
    expect(moved.nodesChanged).toEqual([]);
    expect(describeChange(moved)).toBe('3 nodes moved');
    const relabelled = diffWorkflows(base, { ...base, nodes: [{ ...base.nodes[0]!, notes: 'entry' }, ...base.nodes.slice(1)] });
    expect(relabelled.nodesChanged).toEqual(['start']);
  });

  it('sees no change in the same workflow with its keys in another order', () => {
    const reversed = <T extends object>(value: T): T => Object.fromEntries(Object.entries(value).reverse()) as T;
    const same = diffWorkflows(base, reversed({ ...base, settings: reversed(base.settings), nodes: base.nodes.map(reversed) }));
    expect(isNoChange(same)).toBe(true);
    expect(describeChange(same)).toBe('no change');
  });
});
