import { describe, expect, it } from 'vitest';
import { findCycles } from '../../src-shared/workflow/graph.ts';
import { canConnect } from './connection-rules.ts';
import type { EditorNodeData } from './graph-conversion.ts';
import { portsForRegistry } from './test-catalogue.ts';

const portsFor = portsForRegistry();
const node = (id: string, type: string, config: Record<string, unknown> = {}, settings?: EditorNodeData['settings']) => ({
  id,
  data: { type, typeVersion: 1, config, ...(settings === undefined ? {} : { settings }) },
});
const edge = (source: string, target: string, targetHandle = 'in') => ({ source, target, targetHandle });
const conn = (source: string, sourceHandle: string, target: string, targetHandle: string) => ({
  source,
  sourceHandle,
  target,
  targetHandle,
});

const nodes = [
  node('a', 'core.transform'),
  node('b', 'core.transform'),
  node('c', 'core.transform'),
  node('route', 'core.router', { routes: [{ name: 'big', expression: 'true' }], fallback: false }),
  node('merge', 'core.merge', { inputs: 3 }),
  node('read', 'core.read-file'),
  node('wait', 'core.delay', {}, { onError: 'route' }),
];

describe('canConnect', () => {
  const graph = { nodes, edges: [edge('a', 'b'), edge('b', 'c')] };

  it('allows a fitting edge, including dynamic ports', () => {
    expect(canConnect(graph, conn('c', 'out', 'route', 'in'), portsFor)).toEqual({ ok: true });
    expect(canConnect(graph, conn('route', 'big', 'merge', 'in3'), portsFor)).toEqual({ ok: true });
    expect(canConnect(graph, conn('wait', 'error', 'merge', 'in1'), portsFor)).toEqual({ ok: true });
  });

  it('refuses unknown ports and nodes', () => {
    expect(canConnect(graph, conn('route', 'default', 'merge', 'in1'), portsFor)).toEqual({
      ok: false,
      reason: 'node "route" has no output port "default"',
    });
    expect(canConnect(graph, conn('a', 'out', 'merge', 'in4'), portsFor)).toMatchObject({ reason: 'node "merge" has no input port "in4"' });
    expect(canConnect(graph, conn('a', 'error', 'b', 'in'), portsFor)).toMatchObject({ ok: false });
    expect(canConnect(graph, conn('zz', 'out', 'b', 'in'), portsFor)).toMatchObject({ reason: 'node "zz" does not exist' });
    const unknown = { nodes: [...nodes, node('x', 'acme.thing')], edges: [] };
    expect(canConnect(unknown, conn('x', 'out', 'b', 'in'), portsFor)).toMatchObject({
      reason: 'node "x" has an unknown type "acme.thing"',
    });
  });

  it('refuses incompatible port types with the types named', () => {
    const typed = { nodes: [...nodes, node('n', 'core.merge')], edges: [] };
    // merge.sources is an array; read-file's path input? use a typed input: find one with a non-any type.
    const result = canConnect(typed, conn('merge', 'sources', 'read', 'in'), (type, config) => {
      const ports = portsFor(type, config);
      return type === 'core.read-file' && ports ? { ...ports, inputs: { in: { type: 'string', required: false } } } : ports;
    });
    expect(result).toEqual({ ok: false, reason: 'array output cannot connect to string input ("merge.sources" → "read.in")' });
  });

  it('refuses a second edge into an input, self-loops and cycles', () => {
    expect(canConnect(graph, conn('a', 'out', 'c', 'in'), portsFor)).toEqual({
      ok: false,
      reason: 'input "in" of node "c" already has an edge',
    });
    expect(canConnect(graph, conn('a', 'out', 'a', 'in'), portsFor)).toMatchObject({ reason: 'a node cannot connect to itself ("a")' });
    const open = { nodes, edges: [edge('a', 'b'), edge('b', 'c')] };
    const free = { nodes: [...nodes, node('d', 'core.merge')], edges: [...open.edges, edge('c', 'd', 'in1')] };
    expect(canConnect(free, conn('d', 'out', 'a', 'in'), portsFor)).toEqual({
      ok: false,
      reason: 'would make a cycle: "d" → "a" → "b" → "c" → "d"',
    });
    expect(canConnect({ nodes, edges: [edge('a', 'b', 'in')] }, conn('b', 'out', 'a', 'in'), portsFor)).toEqual({
      ok: false,
      reason: 'would make a cycle: "b" → "a" → "b"',
    });
  });

  it('agrees with the shared cycle finder on every pair', () => {
    const ids = ['a', 'b', 'c'];
    const base = [edge('a', 'b'), edge('b', 'c')].map((e, i) => ({ ...e, id: `e${i}`, sourcePort: 'out', targetPort: e.targetHandle }));
    const chain = {
      nodes: nodes.map((n) => (n.id === 'c' || n.id === 'b' || n.id === 'a' ? node(n.id, 'core.merge', { inputs: 4 }) : n)),
      edges: base.map((e) => ({ ...e, targetHandle: 'in1' })),
    };
    for (const source of ids) {
      for (const target of ids) {
        if (source === target) continue;
        const result = canConnect(chain, conn(source, 'out', target, 'in2'), portsFor);
        const cyclic = findCycles(ids, [...base, { id: 'new', source, target, sourcePort: 'out', targetPort: 'in2' }]).length > 0;
        expect(!result.ok && result.reason.startsWith('would make a cycle')).toBe(cyclic);
      }
    }
  });
});
