// Narrow selectors: use with `useStore(store, selector)` (or `useShallow` for the object-returning ones),
// so dragging one node re-renders that node, not the inspector.
import type { Problem } from '../../../src-shared/errors/operon-error.ts';
import type { EditorNode } from '../graph-conversion.ts';
import { shownStatus, type ShownStatus } from '../shown-status.ts';
import type { EditorState, NodeRunState } from './editor-state.ts';

export const selectNodes = (state: EditorState) => state.graph.nodes;
export const selectEdges = (state: EditorState) => state.graph.edges;
export const selectMeta = (state: EditorState) => state.graph.meta;
export const selectActions = (state: EditorState) => state.actions;

/** What `<ReactFlow>` needs; use with `useShallow` (the handlers never change). */
export const selectFlowProps = (state: EditorState) => ({
  nodes: state.graph.nodes,
  edges: state.graph.edges,
  onNodesChange: state.actions.onNodesChange,
  onEdgesChange: state.actions.onEdgesChange,
  onConnect: state.actions.connect,
});

/** One node (new object only when that node changed, so an inspector keyed on it ignores other nodes' drags). */
export const selectNode =
  (id: string) =>
  (state: EditorState): EditorNode | undefined =>
    state.graph.nodes.find((node) => node.id === id);

/** One node's data: unchanged while the node is only moved. */
export const selectNodeData = (id: string) => (state: EditorState) => state.graph.nodes.find((node) => node.id === id)?.data;

export const selectNodeRun =
  (id: string) =>
  (state: EditorState): NodeRunState | undefined =>
    state.run.nodes[id];

/**
 * A node's status in the run on the canvas, as a person reads it: a node that was running when its run was
 * interrupted is `interrupted`, a rejected Approval is `rejected`.
 */
export const selectNodeStatus =
  (id: string) =>
  (state: EditorState): ShownStatus => {
    const node = state.run.nodes[id];
    const status = node?.status ?? 'pending';
    return status === 'running' && state.run.interrupted === true ? 'interrupted' : shownStatus(status, node?.decision);
  };

export const selectSelectedNodeIds = (state: EditorState) => state.selection.nodeIds;
export const selectSelectedEdgeIds = (state: EditorState) => state.selection.edgeIds;

/** The one selected node's id, for the inspector; undefined when none or several are selected. */
export const selectInspectedNodeId = (state: EditorState) =>
  state.selection.nodeIds.length === 1 && state.selection.edgeIds.length === 0 ? state.selection.nodeIds[0] : undefined;

export const selectCanUndo = (state: EditorState) => state.ui.canUndo;
export const selectCanRedo = (state: EditorState) => state.ui.canRedo;
export const selectDirty = (state: EditorState) => state.ui.dirty;
export const selectProblems = (state: EditorState) => state.ui.problems;
/** False while an opened workflow waits for its first validation (its problems are not known yet). */
export const selectProblemsChecked = (state: EditorState) => state.ui.problemsChecked;
export const selectRunStatus = (state: EditorState) => state.run.status;

/** A node's problems; use with `useShallow` (a new array each call). */
export const selectNodeProblems =
  (id: string) =>
  (state: EditorState): Problem[] =>
    state.ui.problems.filter((problem) => problem.nodeId === id);

export const selectEdgeProblems =
  (id: string) =>
  (state: EditorState): Problem[] =>
    state.ui.problems.filter((problem) => problem.edgeId === id);
