import type { XYPosition } from '@xyflow/react';
import { z } from 'zod';
import { WorkflowEdgeSchema, WorkflowNodeSchema, type WorkflowEdge, type WorkflowNode } from '../../src-shared/workflow/schema.ts';
import { fromEditorEdge, fromEditorNode, toEditorEdge, toEditorNode, type EditorEdge, type EditorNode } from './graph-conversion.ts';
import { freshEdgeId, freshNodeId } from './ids.ts';

/** Marks clipboard text as Operon nodes, so pasting other JSON is refused with a clear reason. */
export const CLIPBOARD_MARKER = 'operon/nodes';
export const CLIPBOARD_VERSION = 1;
/** How far a paste without a position moves the copies from the originals. */
export const PASTE_OFFSET = 40;

const ClipboardSchema = z.object({
  marker: z.literal(CLIPBOARD_MARKER),
  version: z.literal(CLIPBOARD_VERSION),
  nodes: z.array(WorkflowNodeSchema),
  edges: z.array(WorkflowEdgeSchema),
});
export type ClipboardPayload = z.infer<typeof ClipboardSchema>;

/** The chosen nodes and the edges between them, in document form. */
export function copyNodes(nodes: readonly EditorNode[], edges: readonly EditorEdge[], nodeIds: Iterable<string>): ClipboardPayload {
  const ids = new Set(nodeIds);
  return {
    marker: CLIPBOARD_MARKER,
    version: CLIPBOARD_VERSION,
    nodes: nodes.filter((node) => ids.has(node.id)).map(fromEditorNode),
    edges: edges.filter((edge) => ids.has(edge.source) && ids.has(edge.target)).map(fromEditorEdge),
  };
}

export function serializeClipboard(payload: ClipboardPayload): string {
  return JSON.stringify(payload, null, 2);
}

export type ParseResult = { ok: true; payload: ClipboardPayload } | { ok: false; reason: string };

/** Reads clipboard text; anything but Operon nodes of this clipboard version is refused with a reason. */
export function parseClipboard(text: string): ParseResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'the clipboard does not hold Operon nodes (not JSON)' };
  }
  if (typeof value !== 'object' || value === null || (value as { marker?: unknown }).marker !== CLIPBOARD_MARKER) {
    return { ok: false, reason: 'the clipboard does not hold Operon nodes' };
  }
  const version = (value as { version?: unknown }).version;
  if (version !== CLIPBOARD_VERSION)
    return { ok: false, reason: `the clipboard holds Operon nodes of an unknown version (${String(version)})` };
  const parsed = ClipboardSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, reason: `the copied nodes are damaged: ${issue?.path.join('.') ?? ''} ${issue?.message ?? ''}`.trim() };
  }
  const ids = new Set(parsed.data.nodes.map((node) => node.id));
  const dangling = parsed.data.edges.find((edge) => !ids.has(edge.source) || !ids.has(edge.target));
  if (dangling !== undefined) return { ok: false, reason: `the copied edge "${dangling.id}" points at a node that was not copied` };
  return { ok: true, payload: parsed.data };
}

/**
 * Turns a payload into new canvas nodes and edges: fresh ids (not in `takenNodeIds`/`takenEdgeIds`), edges re-mapped,
 * positions moved so the group's top-left corner is at `at`, or else offset until no copy sits exactly on a node.
 */
export function instantiateClipboard(
  payload: ClipboardPayload,
  existing: { nodes: readonly EditorNode[]; edges: readonly EditorEdge[] },
  at?: XYPosition,
): { nodes: EditorNode[]; edges: EditorEdge[] } {
  const takenNodes = new Set(existing.nodes.map((node) => node.id));
  const takenEdges = new Set(existing.edges.map((edge) => edge.id));
  const idMap = new Map<string, string>();
  for (const node of payload.nodes) {
    const id = freshNodeId(node.type, takenNodes);
    takenNodes.add(id);
    idMap.set(node.id, id);
  }
  const shift = at === undefined ? offsetClearOf(payload.nodes, existing.nodes) : toCorner(payload.nodes, at);
  const nodes = payload.nodes.map((node): EditorNode => {
    const copy: WorkflowNode = {
      ...structuredClone(node),
      id: idMap.get(node.id)!,
      position: { x: node.position.x + shift.x, y: node.position.y + shift.y },
    };
    return toEditorNode(copy);
  });
  const edges = payload.edges.map((edge): EditorEdge => {
    const id = freshEdgeId(takenEdges);
    takenEdges.add(id);
    const copy: WorkflowEdge = { ...edge, id, source: idMap.get(edge.source)!, target: idMap.get(edge.target)! };
    return toEditorEdge(copy);
  });
  return { nodes, edges };
}

function toCorner(nodes: readonly WorkflowNode[], at: XYPosition): XYPosition {
  if (nodes.length === 0) return { x: 0, y: 0 };
  const minX = Math.min(...nodes.map((node) => node.position.x));
  const minY = Math.min(...nodes.map((node) => node.position.y));
  return { x: at.x - minX, y: at.y - minY };
}

function offsetClearOf(nodes: readonly WorkflowNode[], existing: readonly EditorNode[]): XYPosition {
  const occupied = new Set(existing.map((node) => `${node.position.x},${node.position.y}`));
  for (let step = 1; ; step++) {
    const d = PASTE_OFFSET * step;
    if (!nodes.some((node) => occupied.has(`${node.position.x + d},${node.position.y + d}`)) || step > 100) return { x: d, y: d };
  }
}
