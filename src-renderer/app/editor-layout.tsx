import './editor-layout.css';
import type { ReactNode } from 'react';
import { Group, Panel, Separator, useDefaultLayout } from 'react-resizable-panels';
import { CANVAS_MIN_PX, DOCK_SIZES, LAYOUT_GROUPS, layoutStorage } from '../session/dock-layout.ts';
import type { DockName } from '../session/dock-store.ts';
import { dockPanelId, dockSeparatorId } from '../test-ids.ts';
import { DockRail } from './dock-rail.tsx';
import { useDockPanel } from './use-dock-panel.ts';
import { useKeepCanvasCentre } from './use-keep-canvas-centre.ts';

const { columns, rows } = LAYOUT_GROUPS;

/**
 * The open workflow's window below the top bar: the left dock, the canvas with the bottom dock under it, and the right
 * dock, each dock resizable (drag or keyboard on the separators), collapsible and remembered across reloads.
 */
export function EditorLayout({ left, canvas, right, bottom }: { left: ReactNode; canvas: ReactNode; right: ReactNode; bottom: ReactNode }) {
  const outer = useDefaultLayout({ id: columns.id, storage: layoutStorage });
  const inner = useDefaultLayout({ id: rows.id, storage: layoutStorage });
  const leftDock = useDockPanel('left');
  const rightDock = useDockPanel('right');
  const bottomDock = useDockPanel('bottom');
  const canvasBox = useKeepCanvasCentre();
  return (
    <Group
      id={columns.id}
      className="editor-columns"
      orientation="horizontal"
      defaultLayout={outer.defaultLayout}
      onLayoutChanged={outer.onLayoutChanged}
    >
      <Panel
        id={columns.panels[0]}
        className="app-left dock-panel"
        {...dockProps('left')}
        panelRef={leftDock.panelRef}
        onResize={leftDock.onResize}
      >
        {leftDock.collapsed ? <DockRail dock="left" onExpand={leftDock.toggle} /> : left}
      </Panel>
      <DockSeparator dock="left" />
      <Panel id={columns.panels[1]} minSize={CANVAS_MIN_PX} className="editor-centre">
        <Group
          id={rows.id}
          className="editor-rows"
          orientation="vertical"
          defaultLayout={inner.defaultLayout}
          onLayoutChanged={inner.onLayoutChanged}
        >
          <Panel id={rows.panels[0]} minSize={200} className="app-center" elementRef={canvasBox}>
            {canvas}
          </Panel>
          <DockSeparator dock="bottom" />
          <Panel
            id={rows.panels[1]}
            className="app-bottom dock-panel"
            {...dockProps('bottom')}
            panelRef={bottomDock.panelRef}
            onResize={bottomDock.onResize}
          >
            {bottom}
          </Panel>
        </Group>
      </Panel>
      <DockSeparator dock="right" />
      <Panel
        id={columns.panels[2]}
        className="app-right dock-panel"
        {...dockProps('right')}
        panelRef={rightDock.panelRef}
        onResize={rightDock.onResize}
      >
        {rightDock.collapsed ? <DockRail dock="right" onExpand={rightDock.toggle} /> : right}
      </Panel>
    </Group>
  );
}

/** A dock panel's size constraints; the bottom dock starts collapsed to its tab strip. */
function dockProps(dock: DockName) {
  const sizes = DOCK_SIZES[dock];
  return {
    'data-testid': dockPanelId(dock),
    collapsible: true,
    collapsedSize: sizes.collapsedPx,
    minSize: sizes.minPx,
    maxSize: sizes.maxPx,
    defaultSize: dock === 'bottom' ? sizes.collapsedPx : sizes.defaultPx,
    groupResizeBehavior: 'preserve-pixel-size' as const,
  };
}

const SEPARATOR_LABELS: Record<DockName, string> = {
  left: 'Resize the workflows and palette',
  right: 'Resize the inspector',
  bottom: 'Resize the run panels',
};

/** A separator: a thin line that highlights on hover and focus; arrow keys resize, Enter collapses or expands. */
function DockSeparator({ dock }: { dock: DockName }) {
  return (
    <Separator
      id={dockSeparatorId(dock)}
      className={`dock-separator dock-separator-${dock}`}
      aria-label={SEPARATOR_LABELS[dock]}
      title={`${SEPARATOR_LABELS[dock]} (drag, or focus and use the arrow keys)`}
    />
  );
}
