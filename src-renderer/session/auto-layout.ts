import { useReactFlow } from '@xyflow/react';
import { useCallback } from 'react';
import { layoutGraph } from '../editor/layout.ts';
import type { EditorStore } from './editor-store/index.ts';

/** Lays the open workflow out left to right (one undo step), then fits it in view once React Flow has rendered it. */
export function useAutoLayout(store: EditorStore): () => void {
  const { fitView } = useReactFlow();
  return useCallback(() => {
    const { graph, actions } = store.getState();
    actions.applyLayout(layoutGraph(graph.nodes, graph.edges));
    requestAnimationFrame(() => void fitView({ padding: 0.2 }));
  }, [store, fitView]);
}
