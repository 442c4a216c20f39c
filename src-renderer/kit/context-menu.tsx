import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import './context-menu.css';

export interface MenuItem {
  /** Names the item's test id (`menu-item-<id>`, through `itemTestId`). */
  id: string;
  label: string;
  onSelect: () => void;
  /** A reason it cannot be used now (shown as its tooltip); the item stays focusable so the reason can be read. */
  disabledReason?: string;
  /** A key that does the same, shown at the right. */
  shortcut?: string;
  danger?: boolean;
  /** A line above this item. */
  separatorBefore?: boolean;
}

/**
 * A menu at a point of the window (a right-click): the first item is focused, arrow keys, Home and End move, Enter or
 * Space choose, Escape, Tab, a click elsewhere or scrolling close it. Kept inside the window.
 */
export function ContextMenu({
  at,
  label,
  items,
  testId,
  itemTestId,
  onClose,
}: {
  at: { x: number; y: number };
  label: string;
  items: readonly MenuItem[];
  testId: string;
  itemTestId: (id: string) => string;
  onClose: () => void;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const [place, setPlace] = useState(at);

  useLayoutEffect(() => {
    const box = ref.current?.getBoundingClientRect();
    if (box === undefined) return;
    setPlace({
      x: Math.max(4, Math.min(at.x, window.innerWidth - box.width - 4)),
      y: Math.max(4, Math.min(at.y, window.innerHeight - box.height - 4)),
    });
    ref.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
  }, [at]);

  useEffect(() => {
    const onDown = (event: MouseEvent) => {
      if (!(event.target instanceof Node) || !ref.current?.contains(event.target)) onClose();
    };
    window.addEventListener('mousedown', onDown, true);
    window.addEventListener('wheel', onClose, true);
    window.addEventListener('resize', onClose);
    return () => {
      window.removeEventListener('mousedown', onDown, true);
      window.removeEventListener('wheel', onClose, true);
      window.removeEventListener('resize', onClose);
    };
  }, [onClose]);

  const onKeyDown = (event: KeyboardEvent) => {
    // The editor's shortcuts (Delete, undo…) must not act on the canvas behind an open menu.
    event.stopPropagation();
    const buttons = [...(ref.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];
    const index = buttons.indexOf(document.activeElement as HTMLElement);
    const focus = (i: number) => buttons[(i + buttons.length) % buttons.length]?.focus();
    if (event.key === 'ArrowDown') focus(index + 1);
    else if (event.key === 'ArrowUp') focus(index - 1);
    else if (event.key === 'Home') focus(0);
    else if (event.key === 'End') focus(buttons.length - 1);
    else if (event.key === 'Escape' || event.key === 'Tab') onClose();
    else return;
    event.preventDefault();
  };

  const choose = (item: MenuItem) => {
    if (item.disabledReason !== undefined) return;
    onClose();
    item.onSelect();
  };

  return (
    <div
      ref={ref}
      className="context-menu"
      role="menu"
      aria-label={label}
      data-testid={testId}
      style={{ left: place.x, top: place.y }}
      onKeyDown={onKeyDown}
      onContextMenu={(event) => event.preventDefault()}
    >
      {items.map((item) => (
        <div key={item.id} role="none">
          {item.separatorBefore === true && <div className="context-menu-separator" role="separator" />}
          <button
            type="button"
            role="menuitem"
            className={item.danger === true ? 'context-menu-item danger' : 'context-menu-item'}
            data-testid={itemTestId(item.id)}
            aria-disabled={item.disabledReason !== undefined}
            title={item.disabledReason}
            onClick={() => choose(item)}
          >
            <span>{item.label}</span>
            {item.shortcut !== undefined && <kbd>{item.shortcut}</kbd>}
          </button>
        </div>
      ))}
    </div>
  );
}
