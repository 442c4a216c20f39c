/// <reference types="vite/client" />
import { describe, expect, it } from 'vitest';
import { WorkflowSchema } from '../../src-shared/workflow/schema.ts';
import { flowToWorkflow, workflowToFlow } from './graph-conversion.ts';

// Vite's glob import reads the example files at build time (src-renderer may not import node:fs, even in tests).
const exampleFiles = import.meta.glob<string>('../../resources/examples/**/*.operon.json', {
  query: '?raw',
  import: 'default',
  eager: true,
});

describe('graph conversion', () => {
  const examples = Object.entries(exampleFiles);

  it('finds the examples', () => {
    expect(examples.length).toBeGreaterThanOrEqual(8);
  });

  it.each(examples)('round-trips %s losslessly', (_file, text) => {
    const workflow = WorkflowSchema.parse(JSON.parse(text));
    const { meta, nodes, edges } = workflowToFlow(workflow);
    expect(nodes).toHaveLength(workflow.nodes.length);
    expect(flowToWorkflow(meta, nodes, edges)).toStrictEqual(workflow);
    // Node data is plain data: it survives JSON unchanged.
    expect(JSON.parse(JSON.stringify(nodes))).toStrictEqual(nodes);
  });

  it('round-trips the raw file too (no defaults added, no fields lost)', () => {
    for (const [, text] of examples) {
      const document = JSON.parse(text) as Parameters<typeof workflowToFlow>[0];
      const { meta, nodes, edges } = workflowToFlow(document);
      expect(flowToWorkflow(meta, nodes, edges)).toStrictEqual(document);
    }
  });

  it('maps ports to handles and drops canvas-only state', () => {
    const workflow = WorkflowSchema.parse({
      schemaVersion: 1,
      id: 'w',
      name: 'W',
      nodes: [
        { id: 'a', type: 'core.transform', typeVersion: 1, label: 'A', notes: 'n', position: { x: 1, y: 2 }, config: {} },
        { id: 'b', type: 'core.output', typeVersion: 1, position: { x: 3, y: 4 }, config: {}, settings: { retries: 2 } },
      ],
      edges: [{ id: 'e1', source: 'a', sourcePort: 'out', target: 'b', targetPort: 'in' }],
    });
    const flow = workflowToFlow(workflow);
    expect(flow.edges[0]).toMatchObject({ source: 'a', sourceHandle: 'out', target: 'b', targetHandle: 'in' });
    expect(flow.nodes[0]?.data).toStrictEqual({ type: 'core.transform', typeVersion: 1, label: 'A', notes: 'n', config: {} });
    const touched = flow.nodes.map((node) => ({ ...node, selected: true, dragging: false, measured: { width: 10, height: 5 } }));
    expect(flowToWorkflow(flow.meta, touched, flow.edges)).toStrictEqual(workflow);
  });

  it('refuses an edge without ports', () => {
    const flow = workflowToFlow(WorkflowSchema.parse({ schemaVersion: 1, id: 'w', name: 'W', nodes: [], edges: [] }));
    expect(() => flowToWorkflow(flow.meta, [], [{ id: 'x', source: 'a', target: 'b' }])).toThrow(/no source or target port/);
  });
});
