import type { NodeRunState } from './store/editor-state.ts';

/** How an edge took part in the run on the canvas: its source emitted on its port, did not, or has not settled yet. */
export type EdgeRunMark = 'taken' | 'not-taken' | undefined;

/** Whether the run went along an edge (source port emitted), did not (the source settled without it), or not yet. */
export function edgeRunMark(
  edge: { source: string; sourceHandle?: string | null | undefined },
  nodes: Readonly<Record<string, NodeRunState>>,
): EdgeRunMark {
  const source = nodes[edge.source];
  if (source === undefined) return undefined;
  if (source.emitted !== undefined) return edge.sourceHandle != null && source.emitted.includes(edge.sourceHandle) ? 'taken' : 'not-taken';
  // Reused outputs (a pin, a past run) feed every edge; a skipped or failed source feeds none.
  if (source.status === 'reused') return 'taken';
  if (source.status === 'skipped' || source.status === 'failed') return 'not-taken';
  return undefined;
}
