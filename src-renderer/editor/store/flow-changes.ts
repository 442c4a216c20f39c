// React Flow's change objects, sorted into edits (undoable) and canvas state (selection, sizes, drag frames).
import { applyEdgeChanges, applyNodeChanges, type EdgeChange, type NodeChange } from '@xyflow/react';
import type { EditorEdge, EditorNode } from '../graph-conversion.ts';
import type { GraphSlice, SelectionSlice } from './editor-state.ts';
import type { Snapshot } from './history.ts';

/** The state before the drag in progress, if one is. */
export interface DragState {
  before: Snapshot | undefined;
}

export interface FlowChangeResult {
  /** Node or edge ids React Flow asked to delete (the store removes them with a command). */
  removed: string[];
  /** The graph after changes that are not edits. */
  graph?: GraphSlice;
  selection?: SelectionSlice;
  /** A finished move: one undo step back to `before`. */
  commit?: { graph: GraphSlice; before: Snapshot };
}

export function applyFlowNodeChanges(
  graph: GraphSlice,
  selection: SelectionSlice,
  changes: readonly NodeChange<EditorNode>[],
  drag: DragState,
  snapshot: () => Snapshot,
): FlowChangeResult {
  const removed: string[] = [];
  const rest: NodeChange<EditorNode>[] = [];
  let dragging = false;
  let moveEnded = false;
  for (const change of changes) {
    if (change.type === 'remove') removed.push(change.id);
    else if (change.type === 'position') {
      rest.push(change);
      if (change.dragging === true) dragging = true;
      else moveEnded = true;
    } else if (change.type === 'select' || change.type === 'dimensions') rest.push(change);
    // 'add' and 'replace' come only from our own code, which uses commands instead.
  }
  if (rest.length === 0) return { removed };
  if (dragging && drag.before === undefined) drag.before = snapshot();
  const next: GraphSlice = { ...graph, nodes: applyNodeChanges(rest, graph.nodes) };
  const nextSelection = selectionAfter(selection, 'nodeIds', rest);
  const result: FlowChangeResult = { removed, graph: next, ...(nextSelection === undefined ? {} : { selection: nextSelection }) };
  if (moveEnded && !dragging) {
    const before = drag.before ?? snapshot();
    drag.before = undefined;
    if (positionsDiffer(before.graph.nodes, next.nodes)) {
      delete result.graph;
      result.commit = { graph: next, before };
    }
  }
  return result;
}

export function applyFlowEdgeChanges(
  graph: GraphSlice,
  selection: SelectionSlice,
  changes: readonly EdgeChange<EditorEdge>[],
): FlowChangeResult {
  const removed = changes.filter((change) => change.type === 'remove').map((change) => change.id);
  const selects = changes.filter((change) => change.type === 'select');
  if (selects.length === 0) return { removed };
  const nextSelection = selectionAfter(selection, 'edgeIds', selects);
  return {
    removed,
    graph: { ...graph, edges: applyEdgeChanges(selects, graph.edges) },
    ...(nextSelection === undefined ? {} : { selection: nextSelection }),
  };
}

function selectionAfter(
  selection: SelectionSlice,
  key: keyof SelectionSlice,
  changes: readonly (NodeChange<EditorNode> | EdgeChange<EditorEdge>)[],
): SelectionSlice | undefined {
  const ids = new Set(selection[key]);
  let changed = false;
  for (const change of changes) {
    if (change.type !== 'select' || ids.has(change.id) === change.selected) continue;
    changed = true;
    if (change.selected) ids.add(change.id);
    else ids.delete(change.id);
  }
  return changed ? { ...selection, [key]: [...ids] } : undefined;
}

function positionsDiffer(before: readonly EditorNode[], after: readonly EditorNode[]): boolean {
  const at = new Map(before.map((node) => [node.id, node.position]));
  return after.some((node) => {
    const old = at.get(node.id);
    return old?.x !== node.position.x || old.y !== node.position.y;
  });
}
