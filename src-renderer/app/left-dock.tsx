import { DockToggle } from '../kit/dock-toggle.tsx';
import { Palette } from '../panels/palette/palette.tsx';
import { WorkflowList } from '../panels/workflows/workflow-list.tsx';
import type { Workspace } from '../session/use-workspace.ts';
import { useDockStore } from '../session/workspace-context.ts';
import { useCan } from '../session/access/use-whoami.ts';
import { dockToggleId } from '../test-ids.ts';

/** The left side of an open workflow: the workflow list and the palette, with the button that collapses them to a rail. */
export function LeftDock({ workspace }: { workspace: Workspace }) {
  const setCollapsed = useDockStore((s) => s.setCollapsed);
  // The palette adds nodes: hidden for a role that may not edit.
  const canEdit = useCan('edit');
  return (
    <div className="left-dock">
      <div className="left-dock-toggle">
        <DockToggle
          side="left"
          what="the workflows and palette"
          collapsed={false}
          testId={dockToggleId('left')}
          onToggle={() => setCollapsed('left', true)}
        />
      </div>
      <WorkflowList workspace={workspace} />
      {canEdit && <Palette />}
    </div>
  );
}
