import { DockToggle } from '../kit/dock-toggle.tsx';
import { dockToggleId } from '../test-ids.ts';

const NAMES = { left: 'workflows and palette', right: 'inspector' } as const;
const TITLES = { left: 'Workflows · Palette', right: 'Node · Trace' } as const;

/** A collapsed side dock: a narrow rail with its expand button and its name written down the side (a click opens it too). */
export function DockRail({ dock, onExpand }: { dock: 'left' | 'right'; onExpand: () => void }) {
  return (
    <div className="dock-rail">
      <DockToggle side={dock} what={`the ${NAMES[dock]}`} collapsed testId={dockToggleId(dock)} onToggle={onExpand} />
      <button type="button" className="dock-rail-title" tabIndex={-1} onClick={onExpand}>
        {TITLES[dock]}
      </button>
    </div>
  );
}
