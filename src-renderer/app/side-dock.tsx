import { Inspector } from '../panels/inspector/inspector.tsx';
import { TracePanel } from '../panels/trace/trace-panel.tsx';
import type { SideTab } from '../session/dock-store.ts';
import { DockToggle } from '../kit/dock-toggle.tsx';
import { Tabs } from '../kit/tabs.tsx';
import { dockToggleId } from '../test-ids.ts';
import { useDockStore } from '../session/workspace-context.ts';
import { useCan } from '../session/access/use-whoami.ts';
import { rolesThatMay } from '../session/access/whoami-store.ts';
import './read-only.css';

const SIDE_TABS = [
  { id: 'node', label: 'Node' },
  { id: 'trace', label: 'Trace' },
] as const satisfies readonly { id: SideTab; label: string }[];

/** The right side: the selected node's settings (Node) or what it did in the run on the canvas (Trace). */
export function SideDock() {
  const side = useDockStore((s) => s.side);
  const showSide = useDockStore((s) => s.showSide);
  const setCollapsed = useDockStore((s) => s.setCollapsed);
  const canEdit = useCan('edit');
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
      {side === 'trace' ? (
        <TracePanel />
      ) : canEdit ? (
        <Inspector />
      ) : (
        // A role that may not edit reads the settings: every field of the inspector is disabled.
        <fieldset className="read-only-fields" disabled title={`Changing settings needs ${rolesThatMay('edit')} role`}>
          <p className="read-only-note muted">Read only: changing settings needs {rolesThatMay('edit')} role.</p>
          <Inspector />
        </fieldset>
      )}
    </div>
  );
}
