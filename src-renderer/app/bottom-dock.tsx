import { CompareRunsPanel } from '../panels/compare/compare-panel.tsx';
import { HistoryPanel } from '../panels/history/history-panel.tsx';
import { InboxPanel } from '../panels/inbox/inbox-panel.tsx';
import { InboxTabLabel } from '../panels/inbox/inbox-tab-label.tsx';
import { RunPanel } from '../panels/run/run-panel.tsx';
import { TimelinePanel } from '../panels/timeline/timeline-panel.tsx';
import type { BottomTab } from '../session/dock-store.ts';
import { Tabs, type TabDef } from '../kit/tabs.tsx';
import { useDockStore } from '../session/workspace-context.ts';

const BOTTOM_TABS = [
  { id: 'run', label: 'Run' },
  { id: 'timeline', label: 'Timeline' },
  { id: 'history', label: 'History' },
  { id: 'compare', label: 'Compare' },
  { id: 'inbox', label: <InboxTabLabel /> },
] as const satisfies readonly TabDef<BottomTab>[];

/** The bottom dock: the run (inputs, debugging, outputs), its timeline, run history, comparing runs, and the approvals inbox. */
export function BottomDock() {
  const bottom = useDockStore((s) => s.bottom);
  const showBottom = useDockStore((s) => s.showBottom);
  return (
    <div className="dock bottom-dock">
      <Tabs tabs={BOTTOM_TABS} current={bottom} onChange={showBottom} label="Run panels" />
      <div className="dock-body">
        {bottom === 'run' && <RunPanel />}
        {bottom === 'timeline' && <TimelinePanel />}
        {bottom === 'history' && <HistoryPanel />}
        {bottom === 'compare' && <CompareRunsPanel />}
        {bottom === 'inbox' && <InboxPanel />}
      </div>
    </div>
  );
}
