import type { Node } from '@xyflow/react';
import { useCallback } from 'react';
import type { EditorNodeData } from '../../editor/graph-conversion.ts';
import { categoryTone, toneColor } from '../../kit/category-tone.ts';
import { useEditorSession } from '../../session/editor-context.ts';

/** The MiniMap draws each node in its category's colour (a theme variable, so it follows light and dark). */
export function useMiniMapColor(): (node: Node) => string {
  const { catalogue } = useEditorSession();
  return useCallback(
    (node: Node) => {
      const type = (node.data as Partial<EditorNodeData>).type;
      return toneColor(categoryTone(type === undefined ? undefined : catalogue.get(type)?.category));
    },
    [catalogue],
  );
}
