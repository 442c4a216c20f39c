// Pure graph edits: each takes the graph and returns a new one (unchanged parts keep their identity,
// so React Flow re-renders only the nodes that changed).
import type { XYPosition } from '@xyflow/react';
import type { NodeSettings } from '../../../src-shared/workflow/schema.ts';
import type { EditorEdge, EditorNode, EditorNodeData } from '../graph-conversion.ts';
import type { GraphSlice } from './editor-state.ts';

/** Removes nodes with every edge that touches them, and edges. */
export function removeFromGraph(graph: GraphSlice, nodeIds: ReadonlySet<string>, edgeIds: ReadonlySet<string>): GraphSlice {
  const nodes = nodeIds.size === 0 ? graph.nodes : graph.nodes.filter((node) => !nodeIds.has(node.id));
  const edges = graph.edges.filter((edge) => !edgeIds.has(edge.id) && !nodeIds.has(edge.source) && !nodeIds.has(edge.target));
  if (nodes.length === graph.nodes.length && edges.length === graph.edges.length) return graph;
  return { ...graph, nodes, edges };
}

/** Moves nodes to the given positions (others stay); the same graph when nothing moves. */
export function moveNodes(graph: GraphSlice, positions: Readonly<Record<string, XYPosition>>): GraphSlice {
  let changed = false;
  const nodes = graph.nodes.map((node) => {
    const to = positions[node.id];
    if (to === undefined || (to.x === node.position.x && to.y === node.position.y)) return node;
    changed = true;
    return { ...node, position: { x: to.x, y: to.y } };
  });
  return changed ? { ...graph, nodes } : graph;
}

/** Replaces one node's data through `update`; the same graph when the node is missing or nothing changed. */
export function updateNodeData(graph: GraphSlice, nodeId: string, update: (data: EditorNodeData) => EditorNodeData): GraphSlice {
  const index = graph.nodes.findIndex((node) => node.id === nodeId);
  const node = graph.nodes[index];
  if (node === undefined) return graph;
  const data = update(node.data);
  if (data === node.data) return graph;
  const nodes = graph.nodes.slice();
  nodes[index] = { ...node, data };
  return { ...graph, nodes };
}

/** An immutable set by path; `undefined` deletes an object key. Missing containers are created (arrays for number keys). */
export function setIn(target: unknown, path: readonly (string | number)[], value: unknown): unknown {
  if (path.length === 0) return value;
  const [key, ...rest] = path as [string | number, ...(string | number)[]];
  if (Array.isArray(target) || (target === undefined && typeof key === 'number')) {
    const array = Array.isArray(target) ? target.slice() : [];
    const index = Number(key);
    if (!Number.isInteger(index) || index < 0) throw new Error(`"${key}" is not an array index`);
    const current: unknown = array[index];
    array[index] = setIn(current, rest, value);
    return array;
  }
  const record: Record<string, unknown> = typeof target === 'object' && target !== null ? { ...(target as Record<string, unknown>) } : {};
  const next = setIn(record[key], rest, value);
  if (next === undefined && rest.length === 0) delete record[key];
  else record[key] = next;
  return record;
}

export function getIn(target: unknown, path: readonly (string | number)[]): unknown {
  let at = target;
  for (const key of path) {
    if (typeof at !== 'object' || at === null) return undefined;
    at = (at as Record<string | number, unknown>)[key];
  }
  return at;
}

export function updateConfigField(data: EditorNodeData, path: readonly (string | number)[], value: unknown): EditorNodeData {
  if (path.length > 0 && Object.is(getIn(data.config, path), value)) return data;
  return { ...data, config: setIn(data.config, path, value) as Record<string, unknown> };
}

export function renameData(data: EditorNodeData, label: string): EditorNodeData {
  const trimmed = label.trim();
  if ((data.label ?? '') === trimmed) return data;
  const { label: _old, ...rest } = data;
  return trimmed === '' ? rest : { ...rest, label: trimmed };
}

/** Sets a node's notes; empty notes remove them. */
export function notesData(data: EditorNodeData, notes: string): EditorNodeData {
  if ((data.notes ?? '') === notes) return data;
  const { notes: _old, ...rest } = data;
  return notes.trim() === '' ? rest : { ...rest, notes };
}

export function updateSettingsData(data: EditorNodeData, patch: Partial<NodeSettings>): EditorNodeData {
  const settings: Record<string, unknown> = { ...data.settings };
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) delete settings[key];
    else settings[key] = value;
  }
  const { settings: _old, ...rest } = data;
  return Object.keys(settings).length === 0 ? rest : { ...rest, settings: settings };
}

/** Sets `selected` on nodes and edges to match the selection, keeping the identity of those already right. */
export function applySelectionFlags(
  graph: GraphSlice,
  nodeIds: ReadonlySet<string>,
  edgeIds: ReadonlySet<string>,
): Pick<GraphSlice, 'nodes' | 'edges'> {
  const flag = <T extends EditorNode | EditorEdge>(items: T[], ids: ReadonlySet<string>): T[] => {
    let changed = false;
    const next = items.map((item) => {
      const selected = ids.has(item.id);
      if ((item.selected ?? false) === selected) return item;
      changed = true;
      return { ...item, selected };
    });
    return changed ? next : items;
  };
  return { nodes: flag(graph.nodes, nodeIds), edges: flag(graph.edges, edgeIds) };
}
