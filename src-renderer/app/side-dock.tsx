import { Inspector } from '../panels/inspector/inspector.tsx';
import { TracePanel } from '../panels/trace/trace-panel.tsx';
import type { SideTab } from '../session/dock-store.ts';
import { Tabs } from '../kit/tabs.tsx';
import { useDockStore } from '../session/workspace-context.ts';

const SIDE_TABS = [
  { id: 'node', label: 'Node' },
  { id: 'trace', label: 'Trace' },
] as const satisfies readonly { id: SideTab; label: string }[];

/** The right side: the selected node's settings (Node) or what it did in the run on the canvas (Trace). */
export function SideDock() {
  const side = useDockStore((s) => s.side);
  const showSide = useDockStore((s) => s.showSide);
  return (
    <div className="dock side-dock">
      <Tabs tabs={SIDE_TABS} current={side} onChange={showSide} label="Side panel" />
      {side === 'node' ? <Inspector /> : <TracePanel />}
    </div>
  );
}
