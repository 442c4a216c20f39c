import { problemTextsOf } from '../editor/node-problems.ts';
import { useEditorSession, useEditor } from './editor-context.ts';
import { labelsOfGraph } from './node-labels.ts';

/**
 * One node's problems as a person reads them, one line each ('' when it has none): a string, so a node re-renders only
 * when its own problems change. The graph's problems are read once per validation, not once per node.
 */
export function useNodeProblemText(nodeId: string): string {
  const { catalogue } = useEditorSession();
  return useEditor((state) => problemTextsOf(state.ui.problems, labelsOfGraph(catalogue, state.graph.nodes)).get(nodeId) ?? '');
}
