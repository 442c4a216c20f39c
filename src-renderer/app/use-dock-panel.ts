import { useCallback, useEffect, useRef } from 'react';
import { usePanelRef, type PanelImperativeHandle } from 'react-resizable-panels';
import { DOCK_SIZES } from '../session/dock-layout.ts';
import type { DockName } from '../session/dock-store.ts';
import { useDockStore } from '../session/workspace-context.ts';

/**
 * Keeps a dock's panel and the dock store's `collapsed` in step, both ways: the panel reports collapsing (a drag past
 * its minimum, a keyboard resize, a remembered layout) to the store, and the store's changes (a collapse button, a tab
 * that shows the dock, a run starting) collapse or expand the panel. Until the panel first reports its size, the
 * remembered layout wins over the store's default.
 */
export function useDockPanel(dock: DockName) {
  const panelRef = usePanelRef();
  const collapsed = useDockStore((s) => s.collapsed[dock]);
  const setCollapsed = useDockStore((s) => s.setCollapsed);
  const reported = useRef(false);

  const onResize = useCallback(() => {
    const panel = panelRef.current;
    if (panel === null) return;
    reported.current = true;
    setCollapsed(dock, panel.isCollapsed());
  }, [panelRef, dock, setCollapsed]);

  useEffect(() => {
    const panel = panelRef.current;
    if (panel === null || !reported.current) return;
    if (collapsed && !panel.isCollapsed()) panel.collapse();
    else if (!collapsed && panel.isCollapsed()) expand(panel, dock);
  }, [collapsed, panelRef, dock]);

  return { panelRef, collapsed, onResize, toggle: () => setCollapsed(dock, !collapsed) };
}

/** Expands to the size it had, or to its default size when it was never open (it started collapsed). */
function expand(panel: PanelImperativeHandle, dock: DockName): void {
  panel.expand();
  const { defaultPx, minPx } = DOCK_SIZES[dock];
  if (panel.isCollapsed() || panel.getSize().inPixels <= minPx) panel.resize(defaultPx);
}
