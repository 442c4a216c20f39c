import { STICKY_COLOURS } from '../../../src-shared/workflow/schema.ts';
import { selectNodeData, selectNodeStatus } from '../../editor/store/index.ts';
import { ContextMenu, type MenuItem } from '../../kit/context-menu.tsx';
import { useHasBreakpoint, useToggleBreakpoint } from '../../session/debug/use-breakpoints.ts';
import { useEditor, useEditorSession, useRunSession } from '../../session/editor-context.ts';
import { useWorkspaceStores } from '../../session/workspace-context.ts';
import { CANVAS_IDS, menuItemId } from '../../test-ids.ts';

interface At {
  x: number;
  y: number;
}

/** Statuses of a node whose outputs the run on the canvas has (what "Pin output" pins). */
const HAS_OUTPUTS = new Set(['succeeded', 'cached', 'reused']);

function Menu({ at, label, items, onClose }: { at: At; label: string; items: MenuItem[]; onClose: () => void }) {
  return <ContextMenu at={at} label={label} items={items} testId={CANVAS_IDS.contextMenu} itemTestId={menuItemId} onClose={onClose} />;
}

/** A node's menu: rename, duplicate, disable or enable, breakpoint, run from here, pin or unpin its output, delete. */
export function NodeMenu({ nodeId, at, onClose, onRename }: { nodeId: string; at: At; onClose: () => void; onRename: () => void }) {
  const { store, run, workflowId, catalogue } = useEditorSession();
  const stores = useWorkspaceStores();
  const data = useEditor(selectNodeData(nodeId));
  const status = useEditor(selectNodeStatus(nodeId));
  const canvasRunId = useEditor((s) => s.run.runId);
  const busy = useRunSession((s) => s.busy);
  const pinned = useRunSession((s) => s.pins[nodeId] !== undefined);
  const breakpoint = useHasBreakpoint(workflowId, nodeId);
  const toggleBreakpoint = useToggleBreakpoint();
  if (data === undefined) return null;
  const actions = store.getState().actions;
  const runActions = run.getState().actions;
  const disabled = data.settings?.disabled === true;
  const title = data.label ?? catalogue.get(data.type)?.title ?? data.type;
  const pinFrom = canvasRunId !== null && HAS_OUTPUTS.has(status) ? canvasRunId : undefined;

  const items: MenuItem[] = [
    { id: 'rename', label: 'Rename…', onSelect: onRename },
    { id: 'duplicate', label: 'Duplicate', shortcut: 'Ctrl+D', onSelect: () => actions.duplicate([nodeId]) },
    {
      id: 'disable',
      label: disabled ? 'Enable' : 'Disable',
      onSelect: () => actions.updateNodeSettings(nodeId, { disabled: disabled ? undefined : true }),
    },
    {
      id: 'breakpoint',
      label: breakpoint ? 'Remove breakpoint' : 'Set breakpoint',
      shortcut: 'F9',
      separatorBefore: true,
      onSelect: () => toggleBreakpoint(workflowId, nodeId),
    },
    {
      id: 'run-from-here',
      label: 'Run from here',
      ...(busy ? { disabledReason: 'A run is in progress' } : {}),
      onSelect: () => {
        stores.dock.getState().showBottom('run');
        void runActions.start({ from: nodeId });
      },
    },
    pinned
      ? { id: 'pin', label: 'Unpin output', onSelect: () => void runActions.unpin(nodeId) }
      : {
          id: 'pin',
          label: 'Pin output',
          ...(pinFrom === undefined ? { disabledReason: 'Run the workflow first: the run on the canvas has no outputs of this node' } : {}),
          onSelect: () => pinFrom !== undefined && void runActions.pin(nodeId, { fromRunId: pinFrom }),
        },
    {
      id: 'delete',
      label: 'Delete',
      shortcut: 'Del',
      danger: true,
      separatorBefore: true,
      onSelect: () => actions.removeElements({ nodeIds: [nodeId] }),
    },
  ];
  return <Menu at={at} label={`Node ${title}`} items={items} onClose={onClose} />;
}

export function EdgeMenu({ edgeId, at, onClose }: { edgeId: string; at: At; onClose: () => void }) {
  const { store } = useEditorSession();
  const items: MenuItem[] = [
    {
      id: 'delete',
      label: 'Delete connection',
      danger: true,
      onSelect: () => store.getState().actions.removeElements({ edgeIds: [edgeId] }),
    },
  ];
  return <Menu at={at} label="Connection" items={items} onClose={onClose} />;
}

/** The canvas's menu: add a node or a sticky note where it was opened, fit the view. */
export function PaneMenu({
  at,
  onClose,
  onAddNode,
  onAddSticky,
  onFitView,
}: {
  at: At;
  onClose: () => void;
  onAddNode: () => void;
  onAddSticky: () => void;
  onFitView: () => void;
}) {
  const items: MenuItem[] = [
    { id: 'add-node', label: 'Add node…', onSelect: onAddNode },
    { id: 'add-sticky', label: 'Add sticky note', onSelect: onAddSticky },
    { id: 'fit-view', label: 'Fit view', separatorBefore: true, onSelect: onFitView },
  ];
  return <Menu at={at} label="Canvas" items={items} onClose={onClose} />;
}

/** A sticky note's menu: its colours and delete. */
export function StickyMenu({ noteId, at, onClose }: { noteId: string; at: At; onClose: () => void }) {
  const { store } = useEditorSession();
  const actions = store.getState().actions;
  const items: MenuItem[] = [
    ...STICKY_COLOURS.map((colour) => ({
      id: `colour-${colour}`,
      label: `${colour[0]?.toUpperCase() ?? ''}${colour.slice(1)}`,
      onSelect: () => actions.updateStickyNote(noteId, { colour }),
    })),
    { id: 'delete', label: 'Delete note', danger: true, separatorBefore: true, onSelect: () => actions.removeStickyNotes([noteId]) },
  ];
  return <Menu at={at} label="Sticky note" items={items} onClose={onClose} />;
}
