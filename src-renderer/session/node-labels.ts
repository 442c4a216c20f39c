import { useCallback } from 'react';
import type { Catalogue } from '../editor/catalogue.ts';
import type { EditorNode } from '../editor/graph-conversion.ts';
import { labelOf, nodeLabels, withNodeLabels } from '../../src-shared/workflow/node-labels.ts';
import type { EditorState } from '../editor/store/index.ts';
import { useEditor, useEditorSession } from './editor-context.ts';

/** Labels per catalogue and nodes array: every node on the canvas asks, the graph is named once per change. */
const cache = new WeakMap<Catalogue, WeakMap<readonly EditorNode[], Map<string, string>>>();
/** The last labels per catalogue, with the nodes they were made from: kept (same object) while no label changed. */
const last = new WeakMap<Catalogue, { nodes: readonly EditorNode[]; labels: Map<string, string> }>();

/** The open workflow's node labels by id (see editor/node-labels.ts), computed once per version of its nodes. */
export function labelsOfGraph(catalogue: Catalogue, nodes: readonly EditorNode[]): ReadonlyMap<string, string> {
  let byNodes = cache.get(catalogue);
  if (byNodes === undefined) cache.set(catalogue, (byNodes = new WeakMap()));
  let labels = byNodes.get(nodes);
  const previous = last.get(catalogue);
  if (labels === undefined && previous !== undefined && sameNaming(previous.nodes, nodes)) {
    // Moved, measured or selected nodes: nothing a label comes from changed (every node keeps its data object).
    labels = previous.labels;
    byNodes.set(nodes, labels);
    last.set(catalogue, { nodes, labels });
  }
  if (labels === undefined) {
    labels = nodeLabels(
      nodes.map((node) => ({ id: node.id, type: node.data.type, label: node.data.label })),
      (type) => catalogue.get(type)?.title,
    );
    if (previous !== undefined && sameLabels(previous.labels, labels)) labels = previous.labels;
    last.set(catalogue, { nodes, labels });
    byNodes.set(nodes, labels);
  }
  return labels;
}

/** One node's label in the open workflow (its id when the graph has no such node). */
export function useNodeLabel(nodeId: string): string {
  const { catalogue } = useEditorSession();
  return useEditor((state) => labelOf(labelsOfGraph(catalogue, state.graph.nodes), nodeId));
}

/** A function from node id to label in the open workflow; it changes when a label does. */
export function useNodeLabeler(): (nodeId: string) => string {
  const { catalogue } = useEditorSession();
  const labels = useEditor((state: EditorState) => labelsOfGraph(catalogue, state.graph.nodes));
  return useCallback((nodeId: string) => labelOf(labels, nodeId), [labels]);
}

/** A function that rewrites a message's quoted node ids as labels (`withNodeLabels`), for toasts and problems. */
export function useLabelText(): (text: string) => string {
  const { catalogue } = useEditorSession();
  const labels = useEditor((state: EditorState) => labelsOfGraph(catalogue, state.graph.nodes));
  return useCallback((text: string) => withNodeLabels(text, labels), [labels]);
}

/** The labels now, outside React (a toast from an event handler): reads the store once. */
export function currentLabelText(catalogue: Catalogue, state: EditorState, text: string): string {
  return withNodeLabels(text, labelsOfGraph(catalogue, state.graph.nodes));
}

/** The same nodes in the same order, each with the same data object: a drag or a measurement, not an edit. */
function sameNaming(a: readonly EditorNode[], b: readonly EditorNode[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i]?.id !== b[i]?.id || a[i]?.data !== b[i]?.data) return false;
  return true;
}

function sameLabels(a: ReadonlyMap<string, string>, b: ReadonlyMap<string, string>): boolean {
  if (a.size !== b.size) return false;
  for (const [id, label] of a) if (b.get(id) !== label) return false;
  return true;
}
