import { CompareRunsPanel } from '../panels/compare/compare-panel.tsx';
import { HistoryPanel } from '../panels/history/history-panel.tsx';
import { InboxPanel } from '../panels/inbox/inbox-panel.tsx';
import { InboxTabLabel } from '../panels/inbox/inbox-tab-label.tsx';
import { ProblemsPanel } from '../panels/problems/problems-panel.tsx';
import { FiringLogPanel } from '../panels/triggers/firing-log-panel.tsx';
import { RunPanel } from '../panels/run/run-panel.tsx';
import { TimelinePanel } from '../panels/timeline/timeline-panel.tsx';
import { selectProblems, selectProblemsChecked } from '../editor/store/index.ts';
import type { BottomTab } from '../session/dock-store.ts';
import { useEditor } from '../session/editor-context.ts';
import { DockToggle } from '../kit/dock-toggle.tsx';
import { Tabs, type TabDef } from '../kit/tabs.tsx';
import { dockToggleId, ROOM_IDS } from '../test-ids.ts';
import { useDockStore } from '../session/workspace-context.ts';

const BOTTOM_TABS = [
  { id: 'run', label: 'Run' },
  { id: 'timeline', label: 'Timeline' },
  { id: 'history', label: 'History' },
  { id: 'compare', label: 'Compare' },
  { id: 'inbox', label: <InboxTabLabel /> },
  { id: 'firings', label: 'Firings' },
] as const satisfies readonly TabDef<BottomTab>[];

/**
 * Below the canvas: the problems beside the bottom dock (the run: inputs, debugging, outputs; its timeline, run
 * history, comparing runs, the approvals inbox). Collapsed, only its tab strip shows, with the problems count; a tab
 * or the count opens it.
 */
export function BottomDock() {
  const bottom = useDockStore((s) => s.bottom);
  const showBottom = useDockStore((s) => s.showBottom);
  const collapsed = useDockStore((s) => s.collapsed.bottom);
  const setCollapsed = useDockStore((s) => s.setCollapsed);
  return (
    <div className={collapsed ? 'bottom-area collapsed' : 'bottom-area'}>
      {!collapsed && <ProblemsPanel />}
      <div className="dock bottom-dock">
        <div className="dock-head">
          <Tabs tabs={BOTTOM_TABS} current={bottom} onChange={showBottom} label="Run panels" />
          {collapsed && <ProblemsCount onOpen={() => setCollapsed('bottom', false)} />}
          <DockToggle
            side="bottom"
            what="the run panels"
            collapsed={collapsed}
            testId={dockToggleId('bottom')}
            onToggle={() => setCollapsed('bottom', !collapsed)}
          />
        </div>
        {!collapsed && (
          <div className="dock-body">
            {bottom === 'run' && <RunPanel />}
            {bottom === 'timeline' && <TimelinePanel />}
            {bottom === 'history' && <HistoryPanel />}
            {bottom === 'compare' && <CompareRunsPanel />}
            {bottom === 'inbox' && <InboxPanel />}
            {bottom === 'firings' && <FiringLogPanel />}
          </div>
        )}
      </div>
    </div>
  );
}

/**
 * "No problems" or "3 problems", on the collapsed dock's strip: opens the dock with the problems list. "Checking…" (and
 * no count) while an opened workflow waits for its first validation.
 */
function ProblemsCount({ onOpen }: { onOpen: () => void }) {
  const count = useEditor((s) => selectProblems(s).length);
  const checked = useEditor(selectProblemsChecked);
  return (
    <button
      type="button"
      className={count > 0 ? 'small bottom-problems has-problems' : 'small bottom-problems'}
      data-testid={ROOM_IDS.bottomProblems}
      data-count={checked ? count : undefined}
      onClick={onOpen}
    >
      {!checked ? 'Checking…' : count === 0 ? 'No problems' : count === 1 ? '1 problem' : `${count} problems`}
    </button>
  );
}
