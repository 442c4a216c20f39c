import type { Connection } from '@xyflow/react';
import type { PortsFor } from '../catalogue.ts';
import { canConnect, type ConnectResult } from '../connection-rules.ts';
import type { EditorEdge } from '../graph-conversion.ts';
import type { GraphSlice } from './editor-state.ts';

/**
 * Whether `connection` may be drawn when an edge already on its input is replaced (an input takes one edge): the
 * connection rules, judged on the graph without that edge. `replaced` is the edge that would go.
 */
export function canConnectReplacing(
  graph: Pick<GraphSlice, 'nodes' | 'edges'>,
  connection: Connection,
  portsFor: PortsFor,
): ConnectResult & { replaced?: EditorEdge } {
  const replaced = graph.edges.find((edge) => edge.target === connection.target && edge.targetHandle === connection.targetHandle);
  if (replaced === undefined) return canConnect(graph, connection, portsFor);
  if (replaced.source === connection.source && replaced.sourceHandle === connection.sourceHandle) {
    return { ok: false, reason: 'that edge is already there' };
  }
  const verdict = canConnect({ nodes: graph.nodes, edges: graph.edges.filter((edge) => edge !== replaced) }, connection, portsFor);
  return verdict.ok ? { ok: true, replaced } : verdict;
}

/** The graph with `edge` added and whatever edge held its input removed. */
export function withEdgeReplacing<G extends Pick<GraphSlice, 'edges'>>(graph: G, edge: EditorEdge): G {
  const edges = graph.edges.filter((old) => !(old.target === edge.target && old.targetHandle === edge.targetHandle));
  return { ...graph, edges: [...edges, edge] };
}
