import { Inspector } from '../panels/inspector/inspector.tsx';
import { TracePanel } from '../panels/trace/trace-panel.tsx';
import type { SideTab } from '../session/dock-store.ts';
import { DockToggle } from '../kit/dock-toggle.tsx';
import { Tabs } from '../kit/tabs.tsx';
import { dockToggleId } from '../test-ids.ts';
import { useDockStore } from '../session/workspace-context.ts';

const SIDE_TABS = [
  { id: 'node', label: 'Node' },
  { id: 'trace', label: 'Trace' },
] as const satisfies readonly { id: SideTab; label: string }[];

/** The right side: the selected node's settings (Node) or what it did in the run on the canvas (Trace). */
export function SideDock() {
  const side = useDockStore((s) => s.side);
  const showSide = useDockStore((s) => s.showSide);
  const setCollapsed = useDockStore((s) => s.setCollapsed);
  return (
    <div className="dock side-dock">
      <div className="dock-head">
        <Tabs tabs={SIDE_TABS} current={side} onChange={showSide} label="Side panel" />
        <DockToggle
          side="right"
          what="the inspector"
          collapsed={false}
          testId={dockToggleId('right')}
          onToggle={() => setCollapsed('right', true)}
        />
      </div>
      {side === 'node' ? <Inspector /> : <TracePanel />}
    </div>
  );
}
