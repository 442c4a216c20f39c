// Auto-layout: a left-to-right layered layout (dagre's Sugiyama-style ranking), pure and synchronous.
import dagre from '@dagrejs/dagre';
import type { XYPosition } from '@xyflow/react';
import { UNMEASURED_NODE_SIZE } from './node-size.ts';

/** What the layout reads of a node: its id and, once React Flow measured it, its size. */
export interface LayoutNode {
  id: string;
  measured?: { width?: number; height?: number };
}

export interface LayoutEdge {
  id: string;
  source: string;
  target: string;
}

/** A node's top-left corner by node id. */
export type LayoutPositions = Readonly<Record<string, XYPosition>>;

const LAYER_GAP = 80;
const NODE_GAP = 40;

/**
 * Positions for every node, layered left to right along the edges (sources left of their targets; cycles, which
 * workflows do not have, are broken by dagre). Edges to unknown nodes are ignored.
 */
export function layoutGraph(nodes: readonly LayoutNode[], edges: readonly LayoutEdge[]): LayoutPositions {
  const graph = new dagre.graphlib.Graph<object, { width: number; height: number; x?: number; y?: number }, object>({
    multigraph: true,
  });
  graph.setGraph({ rankdir: 'LR', ranksep: LAYER_GAP, nodesep: NODE_GAP, marginx: 0, marginy: 0 });
  graph.setDefaultEdgeLabel(() => ({}));
  const sizes = new Map<string, { width: number; height: number }>();
  for (const node of nodes) {
    const size = {
      width: node.measured?.width ?? UNMEASURED_NODE_SIZE.width,
      height: node.measured?.height ?? UNMEASURED_NODE_SIZE.height,
    };
    sizes.set(node.id, size);
    graph.setNode(node.id, { ...size });
  }
  for (const edge of edges) {
    if (edge.source === edge.target || !sizes.has(edge.source) || !sizes.has(edge.target)) continue;
    graph.setEdge({ v: edge.source, w: edge.target, name: edge.id }, {});
  }
  dagre.layout(graph);

  const positions: Record<string, XYPosition> = {};
  for (const node of nodes) {
    const { x = 0, y = 0 } = graph.node(node.id);
    const size = sizes.get(node.id) ?? UNMEASURED_NODE_SIZE;
    // dagre places centres; React Flow positions are top-left corners.
    positions[node.id] = { x: Math.round(x - size.width / 2), y: Math.round(y - size.height / 2) };
  }
  return positions;
}
