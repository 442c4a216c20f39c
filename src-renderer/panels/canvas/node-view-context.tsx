import { useConnection, useStore, type ConnectionState, type InternalNode, type ReactFlowState } from '@xyflow/react';
import { createContext, useContext, useRef, type ReactNode } from 'react';

/** From this many nodes on a graph is big: only the nodes in view are rendered, compact when zoomed out. */
export const BIG_GRAPH_FROM = 200;
/** Below this zoom a big graph's nodes drop what cannot be read there anyway (key settings, port types, the run line). */
export const COMPACT_BELOW_ZOOM = 0.65;

/** Where a wire being drawn starts: `<node>\n<port>\n<source|target>`, or '' when none is (cheap to compare). */
const wireStartOf = (connection: ConnectionState<InternalNode>): string =>
  connection.inProgress ? `${connection.fromHandle.nodeId}\n${connection.fromHandle.id ?? ''}\n${connection.fromHandle.type}` : '';

const WireStartContext = createContext('');
const CompactContext = createContext(false);

/**
 * What every node on the canvas would otherwise ask React Flow's store for itself: where a wire being drawn starts
 * (every handle highlights whether it fits) and whether nodes are shown compact. Asked once here, each node and
 * handle reads a context that changes only when a wire starts or ends or the zoom crosses the line, so panning and
 * dragging run no per-handle selector (hundreds per frame on a big graph).
 */
export function NodeViewProvider({ big, children }: { big: boolean; children: ReactNode }) {
  const wireStart = useConnection(wireStartOf);
  const compactByZoom = useStore((state: ReactFlowState) => big && state.transform[2] < COMPACT_BELOW_ZOOM);
  const opening = useOpening();
  const compact = (big && opening) || compactByZoom;
  return (
    <WireStartContext.Provider value={wireStart}>
      <CompactContext.Provider value={compact}>{children}</CompactContext.Provider>
    </WireStartContext.Provider>
  );
}

/**
 * Whether the canvas is still opening: React Flow renders every node to measure it and then fits the view, which for a
 * big graph (no further out than 0.6) nearly always shows its nodes compact. Drawing and measuring all of them in full
 * first cost a 1,000-node workflow a third of its first render, so until every node is measured a big graph's nodes are
 * drawn compact. Once measured, it stays open: a node added later (not measured yet) does not make the others compact.
 */
function useOpening(): boolean {
  const opening = useRef(true);
  const measuring = useStore((state: ReactFlowState) => opening.current && !state.nodesInitialized);
  // The ref only ever turns false, so rendering this again changes nothing.
  if (!measuring) opening.current = false;
  return measuring;
}

/** The wire being drawn's start (see `wireStartOf`), '' when none is. */
export function useWireStart(): string {
  return useContext(WireStartContext);
}

/** Whether nodes show only their icon, title, status and ports (a big graph, zoomed out). */
export function useCompactNodes(): boolean {
  return useContext(CompactContext);
}
