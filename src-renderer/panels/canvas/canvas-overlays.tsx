import { useReactFlow, type Edge, type FinalConnectionState, type Node } from '@xyflow/react';
import { useCallback, useEffect, useMemo, useState, type MouseEvent as ReactMouseEvent, type ReactNode } from 'react';
import type { PortDef } from '../../../src-shared/nodes/ports.ts';
import { placeAfter, placeBefore } from '../../editor/insert-placement.ts';
import { snapToGrid } from '../../editor/canvas-grid.ts';
import { portsOfNode } from '../../editor/node-ports.ts';
import { UNMEASURED_NODE_SIZE } from '../../editor/node-size.ts';
import { stickyIdOf } from '../../editor/sticky-notes.ts';
import { wireChoices, type WireChoice, type WireEnd } from '../../editor/wire-choices.ts';
import { useEditorSession } from '../../session/editor-context.ts';
import { useShowToast } from '../../session/workspace-context.ts';
import { EdgeMenu, NodeMenu, PaneMenu, StickyMenu } from './canvas-menus.tsx';
import { NodePicker } from './node-picker.tsx';
import { OpenPickerContext, type OpenPickerForPort } from './open-picker-context.ts';
import { RenameNodeDialog } from './rename-node-dialog.tsx';
import { BIG_GRAPH_FROM } from './node-view-context.tsx';

interface At {
  x: number;
  y: number;
}

/** What floats over the canvas: the node picker, a right-click menu, or the rename dialog. */
type Overlay =
  | { kind: 'picker'; at: At; flowAt: At; wire?: WireEnd; placed: 'drop' | 'after' }
  | { kind: 'node-menu' | 'sticky-menu'; at: At; id: string }
  | { kind: 'edge-menu'; at: At; id: string }
  | { kind: 'pane-menu'; at: At; flowAt: At }
  | { kind: 'rename'; id: string };

/** The canvas's fit: clear of the MiniMap (bottom right) and the controls (bottom left), never past 100 %. */
export const FIT_VIEW = { minZoom: 0.5, maxZoom: 1, padding: { top: '48px', left: '64px', bottom: '48px', right: '240px' } } as const;
/**
 * A big graph's fit: no further out than 0.6, where its compact nodes' titles still read and few enough nodes are in
 * view for panning to stay smooth (each pan frame moves, mounts and paints every node in view).
 */
const FIT_VIEW_BIG = { ...FIT_VIEW, minZoom: 0.6 } as const;

/** The fit for a graph of this many nodes. */
export function fitViewFor(nodeCount: number): typeof FIT_VIEW | typeof FIT_VIEW_BIG {
  return nodeCount >= BIG_GRAPH_FROM ? FIT_VIEW_BIG : FIT_VIEW;
}

const pointOf = (event: MouseEvent | TouchEvent): At => {
  const point = 'changedTouches' in event ? event.changedTouches[0] : event;
  return { x: point?.clientX ?? 0, y: point?.clientY ?? 0 };
};

/**
 * The canvas's pickers and menus: a wire dropped on the empty canvas or "+" on an output opens the node picker
 * (filtered to the types that fit, connecting what is picked); right-click opens a node's, an edge's, a note's or
 * the canvas's menu; the context-menu key opens the selected node's. Spread `flowProps` on
 * `<ReactFlow>`, render `overlays`, and wrap the canvas in `PickerProvider` (for "+").
 */
export function useCanvasOverlays() {
  const { store, catalogue, portsFor } = useEditorSession();
  const showToast = useShowToast();
  const { screenToFlowPosition, fitView, flowToScreenPosition } = useReactFlow();
  const [overlay, setOverlay] = useState<Overlay | null>(null);
  const close = useCallback(() => setOverlay(null), []);

  const portDef = useCallback(
    (wire: WireEnd): PortDef | undefined => {
      const node = store.getState().graph.nodes.find((candidate) => candidate.id === wire.nodeId);
      const ports = node === undefined ? undefined : portsOfNode(node.data, portsFor);
      return wire.side === 'source' ? ports?.outputs[wire.port] : ports?.inputs[wire.port];
    },
    [store, portsFor],
  );

  /** A wire released over no handle: the picker at the drop point. */
  const onWireDropped = useCallback(
    (event: MouseEvent | TouchEvent, state: FinalConnectionState): boolean => {
      const { fromHandle } = state;
      if (state.toHandle !== null || state.toNode !== null || fromHandle === null) return false;
      const at = pointOf(event);
      const wire: WireEnd = { nodeId: fromHandle.nodeId, port: fromHandle.id ?? '', side: fromHandle.type };
      setOverlay({ kind: 'picker', at, flowAt: screenToFlowPosition(at), wire, placed: 'drop' });
      return true;
    },
    [screenToFlowPosition],
  );

  const openPickerForPort: OpenPickerForPort = useCallback((wire, anchor) => {
    setOverlay({ kind: 'picker', at: anchor, flowAt: { x: 0, y: 0 }, wire, placed: 'after' });
  }, []);

  const pick = useCallback(
    (choice: WireChoice) => {
      if (overlay?.kind !== 'picker') return;
      setOverlay(null);
      const actions = store.getState().actions;
      const { wire, flowAt } = overlay;
      const graph = store.getState().graph;
      const anchorNode = wire === undefined ? undefined : graph.nodes.find((node) => node.id === wire.nodeId);
      let position = { x: snapToGrid(flowAt.x), y: snapToGrid(flowAt.y - 24) };
      if (overlay.placed === 'after' && anchorNode !== undefined) position = placeAfter(graph.nodes, anchorNode);
      else if (wire?.side === 'target') position = { x: snapToGrid(flowAt.x - UNMEASURED_NODE_SIZE.width), y: position.y };
      if (overlay.placed === 'drop' && wire?.side === 'target' && anchorNode !== undefined && position.x > anchorNode.position.x) {
        position = placeBefore(graph.nodes, anchorNode);
      }
      const result =
        wire === undefined
          ? actions.addNode(choice.entry.type, position)
          : actions.addConnectedNode(choice.entry.type, position, wire, choice.port);
      if (!result.ok) showToast(result.reason);
      else if (wire === undefined) actions.select({ nodeIds: [result.id] });
    },
    [overlay, store, showToast],
  );

  const choices = useMemo(() => {
    if (overlay?.kind !== 'picker') return [];
    const from = overlay.wire === undefined ? undefined : portDef(overlay.wire);
    return wireChoices(catalogue, portsFor, from, overlay.wire?.side);
  }, [overlay, catalogue, portsFor, portDef]);

  const subject = useMemo(() => {
    if (overlay?.kind !== 'picker' || overlay.wire === undefined) return undefined;
    const node = store.getState().graph.nodes.find((candidate) => candidate.id === overlay.wire?.nodeId);
    const title = node === undefined ? overlay.wire.nodeId : (node.data.label ?? catalogue.get(node.data.type)?.title ?? node.data.type);
    return overlay.wire.side === 'source' ? `after ${title} · ${overlay.wire.port}` : `before ${title} · ${overlay.wire.port}`;
  }, [overlay, store, catalogue]);

  const onNodeContextMenu = useCallback(
    (event: ReactMouseEvent, node: Node) => {
      event.preventDefault();
      const at = { x: event.clientX, y: event.clientY };
      const sticky = stickyIdOf(node.id);
      if (sticky !== undefined) return setOverlay({ kind: 'sticky-menu', at, id: sticky });
      store.getState().actions.select({ nodeIds: [node.id] });
      setOverlay({ kind: 'node-menu', at, id: node.id });
    },
    [store],
  );

  const onEdgeContextMenu = useCallback((event: ReactMouseEvent, edge: Edge) => {
    event.preventDefault();
    setOverlay({ kind: 'edge-menu', at: { x: event.clientX, y: event.clientY }, id: edge.id });
  }, []);

  const onPaneContextMenu = useCallback(
    (event: ReactMouseEvent | MouseEvent) => {
      event.preventDefault();
      const at = { x: event.clientX, y: event.clientY };
      setOverlay({ kind: 'pane-menu', at, flowAt: screenToFlowPosition(at) });
    },
    [screenToFlowPosition],
  );

  // The context-menu key opens the selected node's menu, beside it.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'ContextMenu') return;
      const [id, ...more] = store.getState().selection.nodeIds;
      const node = store.getState().graph.nodes.find((candidate) => candidate.id === id);
      if (node === undefined || more.length > 0) return;
      event.preventDefault();
      const at = flowToScreenPosition({ x: node.position.x + (node.measured?.width ?? UNMEASURED_NODE_SIZE.width), y: node.position.y });
      setOverlay({ kind: 'node-menu', at, id: node.id });
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [store, flowToScreenPosition]);

  let overlays: ReactNode = null;
  if (overlay?.kind === 'picker')
    overlays = <NodePicker at={overlay.at} subject={subject} choices={choices} onPick={pick} onClose={close} />;
  else if (overlay?.kind === 'node-menu')
    overlays = (
      <NodeMenu nodeId={overlay.id} at={overlay.at} onClose={close} onRename={() => setOverlay({ kind: 'rename', id: overlay.id })} />
    );
  else if (overlay?.kind === 'sticky-menu') overlays = <StickyMenu noteId={overlay.id} at={overlay.at} onClose={close} />;
  else if (overlay?.kind === 'edge-menu') overlays = <EdgeMenu edgeId={overlay.id} at={overlay.at} onClose={close} />;
  else if (overlay?.kind === 'rename') overlays = <RenameNodeDialog nodeId={overlay.id} onClose={close} />;
  else if (overlay?.kind === 'pane-menu') {
    const { at, flowAt } = overlay;
    overlays = (
      <PaneMenu
        at={at}
        onClose={close}
        onAddNode={() => setOverlay({ kind: 'picker', at, flowAt: { x: flowAt.x, y: flowAt.y + 24 }, placed: 'drop' })}
        onAddSticky={() => {
          const result = store.getState().actions.addStickyNote({ x: snapToGrid(flowAt.x), y: snapToGrid(flowAt.y) });
          if (!result.ok) showToast(result.reason);
        }}
        onFitView={() => void fitView(fitViewFor(store.getState().graph.nodes.length))}
      />
    );
  }

  return { onWireDropped, flowProps: { onNodeContextMenu, onEdgeContextMenu, onPaneContextMenu }, overlays, openPickerForPort };
}

/** Gives the nodes' "+" buttons the picker. */
export function PickerProvider({ open, children }: { open: OpenPickerForPort; children: ReactNode }) {
  return <OpenPickerContext.Provider value={open}>{children}</OpenPickerContext.Provider>;
}
