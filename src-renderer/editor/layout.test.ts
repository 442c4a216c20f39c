import { describe, expect, it } from 'vitest';
import { layoutGraph, type LayoutEdge, type LayoutNode } from './layout.ts';
import { UNMEASURED_NODE_SIZE } from './node-size.ts';

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

function boxes(nodes: readonly LayoutNode[], edges: readonly LayoutEdge[]): Map<string, Box> {
  const positions = layoutGraph(nodes, edges);
  return new Map(
    nodes.map((node) => {
      const at = positions[node.id];
      if (at === undefined) throw new Error(`no position for ${node.id}`);
      return [
        node.id,
        { ...at, width: node.measured?.width ?? UNMEASURED_NODE_SIZE.width, height: node.measured?.height ?? UNMEASURED_NODE_SIZE.height },
      ];
    }),
  );
}

function overlap(a: Box, b: Box): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

function expectLeftToRightWithoutOverlap(nodes: readonly LayoutNode[], edges: readonly LayoutEdge[]) {
  const laid = boxes(nodes, edges);
  expect(laid.size).toBe(nodes.length);
  for (const edge of edges) {
    const source = laid.get(edge.source);
    const target = laid.get(edge.target);
    if (source === undefined || target === undefined) throw new Error(`edge ${edge.id} has an unknown end`);
    // The whole source box is left of the whole target box.
    expect(source.x + source.width, `edge ${edge.id}`).toBeLessThan(target.x);
  }
  const all = [...laid.entries()];
  for (const [i, [a, boxA]] of all.entries()) {
    for (const [b, boxB] of all.slice(i + 1)) expect(overlap(boxA, boxB), `${a} overlaps ${b}`).toBe(false);
  }
}

const edge = (source: string, target: string, id = `${source}->${target}`): LayoutEdge => ({ id, source, target });

describe('layoutGraph', () => {
  it('lays a diamond out left to right without overlaps, all nodes piled at one spot before', () => {
    const nodes: LayoutNode[] = ['start', 'a', 'b', 'c', 'merge', 'end'].map((id) => ({ id }));
    const edges = [
      edge('start', 'a'),
      edge('start', 'b'),
      edge('start', 'c'),
      edge('a', 'merge'),
      edge('b', 'merge'),
      edge('c', 'merge'),
      edge('merge', 'end'),
      // two edges between the same nodes (different ports)
      edge('start', 'merge', 'start->merge:1'),
      edge('start', 'merge', 'start->merge:2'),
    ];
    expectLeftToRightWithoutOverlap(nodes, edges);
  });

  it('uses measured sizes, so wide and tall nodes do not overlap their neighbours', () => {
    const nodes: LayoutNode[] = [
      { id: 'wide', measured: { width: 600, height: 40 } },
      { id: 'tall', measured: { width: 120, height: 400 } },
      { id: 'x', measured: { width: 150, height: 60 } },
      { id: 'y' },
      { id: 'lonely' },
    ];
    expectLeftToRightWithoutOverlap(nodes, [edge('wide', 'tall'), edge('wide', 'x'), edge('x', 'y'), edge('tall', 'y')]);
  });

  it('places every node, ignoring edges to nodes it was not given and self-loops', () => {
    const positions = layoutGraph([{ id: 'a' }, { id: 'b' }], [edge('a', 'b'), edge('a', 'gone'), edge('b', 'b')]);
    expect(Object.keys(positions).sort()).toEqual(['a', 'b']);
    expect(positions.a?.x).toBeLessThan(positions.b?.x ?? 0);
  });

  it('is empty for an empty graph', () => {
    expect(layoutGraph([], [])).toEqual({});
  });
});
