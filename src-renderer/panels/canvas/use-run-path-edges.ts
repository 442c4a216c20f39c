import { MarkerType, type EdgeMarker } from '@xyflow/react';
import { useMemo } from 'react';
import type { EditorEdge } from '../../editor/graph-conversion.ts';
import { edgeRunMark } from '../../editor/run-path.ts';
import { useEditor } from '../../session/editor-context.ts';
import type { Theme } from '../../session/theme-store.ts';

/**
 * Arrowhead colours by theme. A marker is shared by every edge that asks for the same one, so it takes a colour, not
 * a CSS variable; these match the edge strokes in canvas.css.
 */
const MARKER_COLORS: Record<Theme, Record<'idle' | 'taken' | 'selected', string>> = {
  light: { idle: '#8a94a6', taken: '#2f9e44', selected: '#3b5bdb' },
  dark: { idle: '#7c8599', taken: '#51cf66', selected: '#748ffc' },
};

function marker(color: string): EdgeMarker {
  return { type: MarkerType.ArrowClosed, width: 14, height: 14, color };
}

/**
 * The canvas edges with arrowheads, and the path the run on the canvas took: edges it went along are `taken`, the
 * others from a node that settled are `not-taken` (dimmed). Recomputed only when the edges, the run or the theme change.
 */
export function useRunPathEdges(edges: readonly EditorEdge[], theme: Theme): EditorEdge[] {
  const runNodes = useEditor((s) => s.run.nodes);
  const hasRun = useEditor((s) => s.run.runId !== null);
  return useMemo(() => {
    const colors = MARKER_COLORS[theme];
    return edges.map((edge) => {
      const mark = hasRun ? edgeRunMark(edge, runNodes) : undefined;
      const color = edge.selected === true ? colors.selected : mark === 'taken' ? colors.taken : colors.idle;
      return { ...edge, className: mark, markerEnd: marker(color) };
    });
  }, [edges, runNodes, hasRun, theme]);
}
