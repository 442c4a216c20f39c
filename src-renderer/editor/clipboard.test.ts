import { describe, expect, it } from 'vitest';
import { CLIPBOARD_MARKER, copyNodes, instantiateClipboard, parseClipboard, serializeClipboard } from './clipboard.ts';
import { workflowToFlow } from './graph-conversion.ts';
import type { Workflow } from '../../src-shared/workflow/schema.ts';

const workflow: Workflow = {
  schemaVersion: 1,
  id: 'w',
  name: 'W',
  description: '',
  settings: { concurrency: 8, defaultTimeoutMs: 1, defaultRetries: 0, defaultRetryDelayMs: 0, maxNodeExecutions: 10, cache: false },
  nodes: [
    { id: 'start', type: 'core.manual-trigger', typeVersion: 1, position: { x: 0, y: 0 }, config: {} },
    { id: 'transform-1', type: 'core.transform', typeVersion: 1, label: 'T', position: { x: 100, y: 50 }, config: { expression: '$.a' } },
    { id: 'out', type: 'core.output', typeVersion: 1, position: { x: 300, y: 50 }, config: {} },
  ],
  edges: [
    { id: 'e1', source: 'start', sourcePort: 'out', target: 'transform-1', targetPort: 'in' },
    { id: 'e2', source: 'transform-1', sourcePort: 'out', target: 'out', targetPort: 'in' },
  ],
};
const flow = workflowToFlow(workflow);

describe('clipboard', () => {
  it('copies the nodes and only the edges between them, as marked, versioned text', () => {
    const payload = copyNodes(flow.nodes, flow.edges, ['transform-1', 'out']);
    expect(payload.nodes.map((n) => n.id)).toEqual(['transform-1', 'out']);
    expect(payload.edges.map((e) => e.id)).toEqual(['e2']);
    const text = serializeClipboard(payload);
    expect(JSON.parse(text)).toMatchObject({ marker: CLIPBOARD_MARKER, version: 1 });
    expect(parseClipboard(text)).toEqual({ ok: true, payload });
  });

  it('pastes with fresh ids, re-mapped edges and offset positions', () => {
    const payload = copyNodes(flow.nodes, flow.edges, ['transform-1', 'out']);
    const pasted = instantiateClipboard(payload, flow);
    expect(pasted.nodes.map((n) => n.id)).toEqual(['transform-2', 'output-1']);
    expect(pasted.nodes[0]?.position).toEqual({ x: 140, y: 90 });
    expect(pasted.nodes[0]?.data).toEqual({ type: 'core.transform', typeVersion: 1, label: 'T', config: { expression: '$.a' } });
    expect(pasted.nodes[0]?.data.config).not.toBe(flow.nodes[1]?.data.config);
    expect(pasted.edges).toEqual([{ id: 'e-1', source: 'transform-2', sourceHandle: 'out', target: 'output-1', targetHandle: 'in' }]);
    // pasting again moves further so copies do not stack exactly
    const twice = instantiateClipboard(payload, { nodes: [...flow.nodes, ...pasted.nodes], edges: [...flow.edges, ...pasted.edges] });
    expect(twice.nodes[0]?.position).toEqual({ x: 180, y: 130 });
    expect(twice.nodes.map((n) => n.id)).toEqual(['transform-3', 'output-2']);
  });

  it('places the group at a position, in another (empty) workflow', () => {
    const payload = copyNodes(flow.nodes, flow.edges, ['transform-1', 'out']);
    const pasted = instantiateClipboard(payload, { nodes: [], edges: [] }, { x: 10, y: 10 });
    expect(pasted.nodes.map((n) => [n.id, n.position])).toEqual([
      ['transform-1', { x: 10, y: 10 }],
      ['output-1', { x: 210, y: 10 }],
    ]);
  });

  it('refuses text that is not Operon nodes', () => {
    expect(parseClipboard('hello')).toMatchObject({ ok: false, reason: 'the clipboard does not hold Operon nodes (not JSON)' });
    expect(parseClipboard('{"nodes": []}')).toMatchObject({ ok: false, reason: 'the clipboard does not hold Operon nodes' });
    expect(parseClipboard(JSON.stringify({ marker: CLIPBOARD_MARKER, version: 9, nodes: [], edges: [] }))).toMatchObject({
      reason: 'the clipboard holds Operon nodes of an unknown version (9)',
    });
    expect(parseClipboard(JSON.stringify({ marker: CLIPBOARD_MARKER, version: 1, nodes: [{ id: 'x' }], edges: [] }))).toMatchObject({
      ok: false,
    });
    const dangling = { marker: CLIPBOARD_MARKER, version: 1, nodes: [], edges: [workflow.edges[0]] };
    expect(parseClipboard(JSON.stringify(dangling))).toMatchObject({ reason: 'the copied edge "e1" points at a node that was not copied' });
  });
});
