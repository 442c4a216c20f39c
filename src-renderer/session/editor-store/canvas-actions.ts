import type { XYPosition } from '@xyflow/react';
import type { Catalogue, PortsFor } from '../../editor/catalogue.ts';
import { toEditorEdge, toEditorNode, type EditorNode } from '../../editor/graph-conversion.ts';
import { freshEdgeId, freshNodeId } from '../../editor/ids.ts';
import { placeAfter } from '../../editor/insert-placement.ts';
import { portsOfNode } from '../../editor/node-ports.ts';
import { addSticky, boundedSize, newStickyNote, removeStickies, stickyIdOf, updateSticky } from '../../editor/sticky-notes.ts';
import type { CanvasEditActions } from '../../editor/store/canvas-edit-actions.ts';
import { canConnectReplacing, withEdgeReplacing } from '../../editor/store/edge-replace.ts';
import type { CommandResult, EditorState, GraphSlice, SelectionSlice } from '../../editor/store/editor-state.ts';
import type { Snapshot } from '../../editor/store/history.ts';
import { firstLink } from '../../editor/wire-choices.ts';

/** What the canvas actions need from the store that owns them. */
export interface CanvasActionDeps {
  get: () => EditorState;
  /** Sets the graph without an undo step (a drag or resize in progress). */
  setGraph: (graph: GraphSlice) => void;
  commit: (reason: string, graph: GraphSlice, selection?: SelectionSlice, opts?: { coalesceKey?: string; before?: Snapshot }) => void;
  snapshot: () => Snapshot;
  catalogue: Catalogue;
  portsFor: PortsFor;
}

export function createCanvasActions({ get, setGraph, commit, snapshot, catalogue, portsFor }: CanvasActionDeps): CanvasEditActions {
  /** A sticky drag or resize in progress: the state to undo back to. */
  let stickyBefore: Snapshot | undefined;

  const newNode = (type: string, position: XYPosition): CommandResult<{ node: EditorNode }> => {
    const entry = catalogue.get(type);
    if (entry === undefined) return { ok: false, reason: `unknown node type "${type}"` };
    const id = freshNodeId(type, new Set(get().graph.nodes.map((node) => node.id)));
    const node = toEditorNode({ id, type, typeVersion: entry.version, position, config: structuredClone(entry.defaultConfig) });
    return { ok: true, node };
  };

  const edgeBetween = (graph: GraphSlice, source: string, sourcePort: string, target: string, targetPort: string) =>
    toEditorEdge({ id: freshEdgeId(new Set(graph.edges.map((edge) => edge.id))), source, sourcePort, target, targetPort });

  const stickyCommit = (reason: string, graph: GraphSlice, coalesceKey?: string) =>
    commit(reason, graph, undefined, coalesceKey === undefined ? {} : { coalesceKey });

  return {
    connectReplacing(connection) {
      const graph = get().graph;
      const verdict = canConnectReplacing(graph, connection, portsFor);
      if (!verdict.ok) return verdict;
      const edge = edgeBetween(graph, connection.source, connection.sourceHandle ?? '', connection.target, connection.targetHandle ?? '');
      commit('connect', withEdgeReplacing(graph, edge));
      return { ok: true };
    },
    addConnectedNode(type, position, wire, port) {
      const made = newNode(type, position);
      if (!made.ok) return made;
      const { node } = made;
      const graph = get().graph;
      const withNode = { ...graph, nodes: [...graph.nodes, node] };
      const connection =
        wire.side === 'source'
          ? { source: wire.nodeId, sourceHandle: wire.port, target: node.id, targetHandle: port }
          : { source: node.id, sourceHandle: port, target: wire.nodeId, targetHandle: wire.port };
      const verdict = canConnectReplacing(withNode, connection, portsFor);
      if (!verdict.ok) return verdict;
      const edge = edgeBetween(graph, connection.source, connection.sourceHandle, connection.target, connection.targetHandle);
      commit('addConnectedNode', withEdgeReplacing(withNode, edge), { nodeIds: [node.id], edgeIds: [] });
      return { ok: true, id: node.id };
    },
    insertAfter(type, afterId) {
      const graph = get().graph;
      const after = graph.nodes.find((node) => node.id === afterId);
      if (after === undefined) return { ok: false, reason: `node "${afterId}" does not exist` };
      const made = newNode(type, placeAfter(graph.nodes, after));
      if (!made.ok) return made;
      const { node } = made;
      const withNode = { ...graph, nodes: [...graph.nodes, node] };
      const from = portsOfNode(after.data, portsFor);
      const to = portsOfNode(node.data, portsFor);
      const link = from === undefined || to === undefined ? undefined : firstLink(from.outputs, to.inputs);
      const edge = link === undefined ? undefined : edgeBetween(graph, after.id, link.output, node.id, link.input);
      commit('insertAfter', edge === undefined ? withNode : { ...withNode, edges: [...withNode.edges, edge] }, {
        nodeIds: [node.id],
        edgeIds: [],
      });
      return { ok: true, id: node.id, connected: edge !== undefined };
    },
    addStickyNote(position) {
      const graph = get().graph;
      const note = newStickyNote(graph.meta.stickyNotes ?? [], position);
      const meta = addSticky(graph.meta, note);
      if (meta === graph.meta) return { ok: false, reason: 'this workflow has as many sticky notes as it can hold' };
      stickyCommit('addStickyNote', { ...graph, meta });
      return { ok: true, id: note.id };
    },
    updateStickyNote(id, patch) {
      const graph = get().graph;
      if (!(graph.meta.stickyNotes ?? []).some((note) => note.id === id))
        return { ok: false, reason: `sticky note "${id}" does not exist` };
      const meta = updateSticky(graph.meta, id, patch);
      if (meta !== graph.meta) stickyCommit('updateStickyNote', { ...graph, meta }, `sticky:${id}:${Object.keys(patch).join(',')}`);
      return { ok: true };
    },
    removeStickyNotes(ids) {
      const graph = get().graph;
      const meta = removeStickies(graph.meta, new Set(ids));
      if (meta !== graph.meta) stickyCommit('removeStickyNotes', { ...graph, meta });
    },
    onStickyChanges(changes) {
      let meta = get().graph.meta;
      let ended = false;
      for (const change of changes) {
        const id = 'id' in change ? stickyIdOf(change.id) : undefined;
        if (id === undefined) continue;
        if (change.type === 'position' && change.position !== undefined) {
          meta = updateSticky(meta, id, { position: { x: Math.round(change.position.x), y: Math.round(change.position.y) } });
          if (change.dragging !== true) ended = true;
        } else if (change.type === 'position' && change.dragging === false) {
          ended = true;
        } else if (change.type === 'dimensions' && change.resizing !== undefined && change.dimensions !== undefined) {
          meta = updateSticky(meta, id, { size: boundedSize(change.dimensions) });
          if (!change.resizing) ended = true;
        } else if (change.type === 'dimensions' && change.resizing === false) {
          ended = true;
        }
      }
      const graph = get().graph;
      const next = meta === graph.meta ? graph : { ...graph, meta };
      if (!ended) {
        if (next === graph) return;
        stickyBefore ??= snapshot();
        setGraph(next);
        return;
      }
      const before = stickyBefore ?? snapshot();
      stickyBefore = undefined;
      if (JSON.stringify(before.graph.meta.stickyNotes) === JSON.stringify(next.meta.stickyNotes)) {
        if (next !== graph) setGraph(next);
        return;
      }
      // A new object even when the last frame already set it: the commit is the undo step back to `before`.
      commit('moveStickyNote', { ...next }, undefined, { before });
    },
  };
}
