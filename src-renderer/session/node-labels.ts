import { useCallback } from 'react';
import type { Catalogue } from '../editor/catalogue.ts';
import type { EditorNode } from '../editor/graph-conversion.ts';
import { labelOf, nodeLabels, withNodeLabels } from '../editor/node-labels.ts';
import type { EditorState } from '../editor/store/index.ts';
import { useEditor, useEditorSession } from './editor-context.ts';

/** Labels per catalogue and nodes array: every node on the canvas asks, the graph is named once per change. */
const cache = new WeakMap<Catalogue, WeakMap<readonly EditorNode[], Map<string, string>>>();
/** The last labels per catalogue: kept (same object) while no label changed, so a drag re-renders no list of labels. */
const last = new WeakMap<Catalogue, Map<string, string>>();

/** The open workflow's node labels by id (see editor/node-labels.ts), computed once per version of its nodes. */
export function labelsOfGraph(catalogue: Catalogue, nodes: readonly EditorNode[]): ReadonlyMap<string, string> {
  let byNodes = cache.get(catalogue);
  if (byNodes === undefined) cache.set(catalogue, (byNodes = new WeakMap()));
  let labels = byNodes.get(nodes);
  if (labels === undefined) {
    labels = nodeLabels(
      nodes.map((node) => ({ id: node.id, type: node.data.type, label: node.data.label })),
      (type) => catalogue.get(type)?.title,
    );
    const previous = last.get(catalogue);
    if (previous !== undefined && sameLabels(previous, labels)) labels = previous;
    last.set(catalogue, labels);
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

function sameLabels(a: ReadonlyMap<string, string>, b: ReadonlyMap<string, string>): boolean {
  if (a.size !== b.size) return false;
  for (const [id, label] of a) if (b.get(id) !== label) return false;
  return true;
}
