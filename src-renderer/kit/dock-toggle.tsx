import { PanelBottomClose, PanelBottomOpen, PanelLeftClose, PanelLeftOpen, PanelRightClose, PanelRightOpen } from 'lucide-react';

const ICONS = {
  left: { open: PanelLeftOpen, close: PanelLeftClose },
  right: { open: PanelRightOpen, close: PanelRightClose },
  bottom: { open: PanelBottomOpen, close: PanelBottomClose },
} as const;

/** A small icon button that collapses or expands a dock; `what` names the dock for people ("the inspector"). */
export function DockToggle({
  side,
  what,
  collapsed,
  testId,
  onToggle,
}: {
  side: 'left' | 'right' | 'bottom';
  what: string;
  collapsed: boolean;
  testId: string;
  onToggle: () => void;
}) {
  const Icon = collapsed ? ICONS[side].open : ICONS[side].close;
  const label = `${collapsed ? 'Show' : 'Hide'} ${what}`;
  return (
    <button
      type="button"
      className="icon-button dock-toggle"
      aria-label={label}
      title={label}
      aria-expanded={!collapsed}
      data-testid={testId}
      onClick={onToggle}
    >
      <Icon size={15} aria-hidden="true" />
    </button>
  );
}
