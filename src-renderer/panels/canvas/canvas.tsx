import {
  Controls,
  MiniMap,
  ReactFlow,
  useReactFlow,
  type Connection,
  type Edge,
  type FinalConnectionState,
  type NodeChange,
  type NodeTypes,
} from '@xyflow/react';
import { useCallback, useMemo, type DragEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { canConnectReplacing } from '../../editor/store/edge-replace.ts';
import { CANVAS_GRID } from '../../editor/canvas-grid.ts';
import { fitViewFor, PickerProvider, useCanvasOverlays } from './canvas-overlays.tsx';
import { StickyNoteNode, type StickyNoteFlowNode } from './sticky-note-node.tsx';
import type { EditorNode } from '../../editor/graph-conversion.ts';
import { useStickyNodes } from './use-sticky-nodes.ts';
import { selectFlowProps } from '../../editor/store/index.ts';
import { useEditor, useEditorSession } from '../../session/editor-context.ts';
import { CanvasBackground } from './canvas-background.tsx';
import { CheckProblemsWhenShown } from './check-problems-when-shown.tsx';
import { OperonNode } from './operon-node.tsx';
import { PALETTE_MIME } from '../../editor/catalogue.ts';
import { useThemeStore } from '../../session/theme-store.ts';
import { useShowToast } from '../../session/workspace-context.ts';
import { useCan } from '../../session/access/use-whoami.ts';
import { currentLabelText } from '../../session/node-labels.ts';
import { useRunPathEdges } from './use-run-path-edges.ts';
import { useMiniMapColor } from './use-minimap-color.ts';
import { BIG_GRAPH_FROM, NodeViewProvider } from './node-view-context.tsx';
import './canvas.css';

/** At module scope: a new object on every render would make React Flow remount every node. */
const nodeTypes: NodeTypes = { operon: OperonNode, sticky: StickyNoteNode };
const SNAP: [number, number] = [CANVAS_GRID, CANVAS_GRID];
/** React Flow permits hiding its attribution badge (MIT licence; see reactflow.dev/learn/troubleshooting/remove-attribution). */
const PRO_OPTIONS = { hideAttribution: true } as const;

/** The workflow graph. React Flow is controlled by the editor store; every edit goes through its commands. */
/** Past this many nodes the MiniMap's redraws cost more than it helps. */
const MINIMAP_MAX_NODES = 500;

export function Canvas() {
  const showToast = useShowToast();
  const { store, portsFor, catalogue } = useEditorSession();
  const { nodes, edges, onNodesChange, onEdgesChange } = useEditor(useShallow(selectFlowProps));
  const theme = useThemeStore((s) => s.theme);
  const { screenToFlowPosition } = useReactFlow();
  const overlays = useCanvasOverlays();
  const { stickyNodes, takeStickyChanges } = useStickyNodes();
  const shownNodes = useMemo(() => (stickyNodes.length === 0 ? nodes : [...stickyNodes, ...nodes]), [stickyNodes, nodes]);
  const onShownNodesChange = useCallback(
    (changes: NodeChange<EditorNode | StickyNoteFlowNode>[]) => {
      // What is left after the notes' changes is the workflow nodes'.
      const rest = takeStickyChanges(changes) as NodeChange<EditorNode>[];
      if (rest.length > 0) onNodesChange(rest);
    },
    [takeStickyChanges, onNodesChange],
  );
  const shownEdges = useRunPathEdges(edges, theme);
  const miniMapColor = useMiniMapColor();
  const fitView = fitViewFor(nodes.length);
  // A role that may not edit (viewer, operator, approver) sees the canvas read-only: select and inspect, no changes.
  const canEdit = useCan('edit');

  const isValidConnection = useCallback(
    (connection: Edge | Connection) => canConnectReplacing(store.getState().graph, toConnection(connection), portsFor).ok,
    [store, portsFor],
  );

  const onConnect = useCallback(
    (connection: Connection) => {
      const result = store.getState().actions.connectReplacing(connection);
      if (!result.ok) showToast(currentLabelText(catalogue, store.getState(), result.reason));
    },
    [store, catalogue],
  );

  /** A connection dropped on a handle that isValidConnection refused: say why. */
  const onConnectEnd = useCallback(
    (_event: MouseEvent | TouchEvent, state: FinalConnectionState) => {
      if (overlays.onWireDropped(_event, state)) return;
      const { fromHandle, toHandle } = state;
      if (state.isValid !== false || fromHandle === null || toHandle === null) return;
      const [source, target] = fromHandle.type === 'source' ? [fromHandle, toHandle] : [toHandle, fromHandle];
      const result = canConnectReplacing(
        store.getState().graph,
        { source: source.nodeId, sourceHandle: source.id ?? null, target: target.nodeId, targetHandle: target.id ?? null },
        portsFor,
      );
      if (!result.ok) showToast(currentLabelText(catalogue, store.getState(), result.reason));
    },
    [store, portsFor, catalogue, overlays.onWireDropped],
  );

  const onDragOver = useCallback((event: DragEvent) => {
    if (!event.dataTransfer.types.includes(PALETTE_MIME)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
  }, []);

  const onDrop = useCallback(
    (event: DragEvent) => {
      const type = event.dataTransfer.getData(PALETTE_MIME);
      if (type === '') return;
      event.preventDefault();
      const at = screenToFlowPosition({ x: event.clientX, y: event.clientY });
      const result = store.getState().actions.addNode(type, { x: Math.round(at.x), y: Math.round(at.y) });
      if (result.ok) store.getState().actions.select({ nodeIds: [result.id] });
      else showToast(result.reason);
    },
    [store, screenToFlowPosition],
  );

  return (
    <PickerProvider open={overlays.openPickerForPort}>
      <NodeViewProvider big={nodes.length >= BIG_GRAPH_FROM}>
        <div className="canvas" onDragOver={canEdit ? onDragOver : undefined} onDrop={canEdit ? onDrop : undefined}>
          <ReactFlow
            nodes={shownNodes}
            edges={shownEdges}
            nodeTypes={nodeTypes}
            onNodesChange={onShownNodesChange}
            {...overlays.flowProps}
            onEdgesChange={onEdgesChange}
            onConnect={onConnect}
            onConnectEnd={onConnectEnd}
            isValidConnection={isValidConnection}
            nodesDraggable={canEdit}
            nodesConnectable={canEdit}
            edgesReconnectable={canEdit}
            deleteKeyCode={null}
            colorMode={theme}
            snapToGrid
            snapGrid={SNAP}
            fitView
            // Opening a big workflow zoomed out to show every node makes each pan frame move them all
            // (shared/reference/react-flow-performance.md): fit, but no further out than 0.5 (0.6 for a big graph).
            fitViewOptions={fitView}
            minZoom={0.1}
            // Only worth it for big graphs (shared/reference/react-flow-performance.md); below that, every node is in
            // the DOM, so what is just off-screen (a node added beside the view) is there at once.
            onlyRenderVisibleElements={nodes.length >= BIG_GRAPH_FROM}
            elevateEdgesOnSelect
            proOptions={PRO_OPTIONS}
          >
            <CanvasBackground />
            <Controls fitViewOptions={fitView} />
            {nodes.length <= MINIMAP_MAX_NODES && (
              <MiniMap pannable zoomable nodeColor={miniMapColor} nodeStrokeWidth={0} nodeBorderRadius={4} />
            )}
          </ReactFlow>
          {overlays.overlays}
          <CheckProblemsWhenShown empty={nodes.length === 0} />
        </div>
      </NodeViewProvider>
    </PickerProvider>
  );
}

function toConnection(edge: Edge | Connection): Connection {
  return { source: edge.source, target: edge.target, sourceHandle: edge.sourceHandle ?? null, targetHandle: edge.targetHandle ?? null };
}
