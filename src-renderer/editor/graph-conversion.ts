import type { Edge, Node } from '@xyflow/react';
import type { NodeSettings, Workflow, WorkflowEdge, WorkflowNode } from '../../src-shared/workflow/schema.ts';

/** What a canvas node carries: the node's serialisable fields, never functions. Run status lives in the run slice. */
export interface EditorNodeData extends Record<string, unknown> {
  type: string;
  typeVersion: number;
  label?: string;
  notes?: string;
  config: Record<string, unknown>;
  settings?: NodeSettings;
}

export type EditorNode = Node<EditorNodeData, 'operon'>;
export type EditorEdge = Edge<Record<string, never>>;

/** The workflow document without its graph: id, name, description, inputs schema and settings. */
export type WorkflowMeta = Omit<Workflow, 'nodes' | 'edges'>;

/** The React Flow type of every Operon node (one custom node component renders all node types). */
export const EDITOR_NODE_TYPE = 'operon';

export function toEditorNode(node: WorkflowNode): EditorNode {
  const data: EditorNodeData = { type: node.type, typeVersion: node.typeVersion, config: node.config };
  if (node.label !== undefined) data.label = node.label;
  if (node.notes !== undefined) data.notes = node.notes;
  if (node.settings !== undefined) data.settings = node.settings;
  return { id: node.id, type: EDITOR_NODE_TYPE, position: { x: node.position.x, y: node.position.y }, data };
}

export function toEditorEdge(edge: WorkflowEdge): EditorEdge {
  return { id: edge.id, source: edge.source, sourceHandle: edge.sourcePort, target: edge.target, targetHandle: edge.targetPort };
}

/** Workflow document → React Flow nodes and edges, and the rest of the document. */
export function workflowToFlow(workflow: Workflow): { meta: WorkflowMeta; nodes: EditorNode[]; edges: EditorEdge[] } {
  const { nodes, edges, ...meta } = workflow;
  return { meta, nodes: nodes.map(toEditorNode), edges: edges.map(toEditorEdge) };
}

/** A canvas node back to its document form; canvas state (selection, size, dragging) is dropped. */
export function fromEditorNode(node: EditorNode): WorkflowNode {
  const { data } = node;
  const result: WorkflowNode = {
    id: node.id,
    type: data.type,
    typeVersion: data.typeVersion,
    position: { x: node.position.x, y: node.position.y },
    config: data.config,
  };
  if (data.label !== undefined) result.label = data.label;
  if (data.notes !== undefined) result.notes = data.notes;
  if (data.settings !== undefined) result.settings = data.settings;
  return result;
}

/** A canvas edge back to its document form. An edge without handles is not an Operon edge: it throws. */
export function fromEditorEdge(edge: EditorEdge): WorkflowEdge {
  if (edge.sourceHandle == null || edge.targetHandle == null) {
    throw new Error(`edge "${edge.id}" has no source or target port`);
  }
  return { id: edge.id, source: edge.source, sourcePort: edge.sourceHandle, target: edge.target, targetPort: edge.targetHandle };
}

/** React Flow nodes and edges → workflow document (lossless inverse of `workflowToFlow`). */
export function flowToWorkflow(meta: WorkflowMeta, nodes: readonly EditorNode[], edges: readonly EditorEdge[]): Workflow {
  return { ...meta, nodes: nodes.map(fromEditorNode), edges: edges.map(fromEditorEdge) };
}
