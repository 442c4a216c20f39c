import { useEffect, useRef, useState, type ReactNode } from 'react';
import { Copy, Download, MoreHorizontal, Pencil, Trash2 } from 'lucide-react';
import type { WorkflowSummary } from '../../../src-shared/api/schemas.ts';
import { LIBRARY_IDS, workflowListItemId, workflowMenuId } from '../../test-ids.ts';

interface WorkflowRowProps {
  workflow: WorkflowSummary;
  active: boolean;
  onOpen: () => void;
  onRename: (name: string) => void;
  onDuplicate: () => void;
  onExport: () => void;
  onDelete: () => void;
  /** The workflow's Active switch, when it has triggers the service listens for. */
  activation?: ReactNode;
  /** Under the row: what an active workflow listens for, a refused activation. */
  below?: ReactNode;
  /** Rename, Duplicate and Delete are offered (false for a role that may not edit). */
  editable?: boolean;
}

/** One workflow in the list: click to open, double-click (or F2, or the menu) to rename, the menu for the rest. */
export function WorkflowRow({
  workflow,
  active,
  onOpen,
  onRename,
  onDuplicate,
  onExport,
  onDelete,
  activation,
  below,
  editable = true,
}: WorkflowRowProps) {
  const [renaming, setRenaming] = useState(false);
  const [menuOpen, setMenuOpen] = useState(false);
  const nodes = `${workflow.nodes} ${workflow.nodes === 1 ? 'node' : 'nodes'}`;
  const hover = [workflow.name, workflow.problem ?? workflow.description, activation === undefined ? '' : nodes]
    .filter((line) => line !== '')
    .join('\n');

  if (renaming)
    return (
      <li className="workflow-row">
        <RenameInput
          name={workflow.name}
          onDone={(name) => {
            setRenaming(false);
            if (name !== undefined) onRename(name);
          }}
        />
      </li>
    );

  return (
    <li className={active ? 'workflow-row active' : 'workflow-row'}>
      <button
        type="button"
        className="list-item"
        data-testid={workflowListItemId(workflow.id)}
        title={hover}
        aria-current={active ? 'page' : undefined}
        onClick={onOpen}
        onDoubleClick={() => editable && setRenaming(true)}
        onKeyDown={(event) => editable && event.key === 'F2' && setRenaming(true)}
      >
        <span className="list-item-name">{workflow.name}</span>
        {/* A row with an Active switch gives the name the room (the count is in the tooltip). */}
        {(activation === undefined || workflow.problem !== undefined) && (
          <span className="muted">{workflow.problem === undefined ? nodes : 'damaged'}</span>
        )}
      </button>
      {activation}
      <button
        type="button"
        className="icon-button row-menu-button"
        aria-label={`More actions for ${workflow.name}`}
        aria-haspopup="menu"
        aria-expanded={menuOpen}
        data-testid={workflowMenuId(workflow.id)}
        onClick={() => setMenuOpen((open) => !open)}
      >
        <MoreHorizontal size={16} aria-hidden />
      </button>
      {menuOpen && (
        <RowMenu
          onClose={() => setMenuOpen(false)}
          items={[
            ...(editable
              ? [
                  { id: LIBRARY_IDS.menuRename, label: 'Rename', icon: <Pencil size={14} />, run: () => setRenaming(true) },
                  { id: LIBRARY_IDS.menuDuplicate, label: 'Duplicate', icon: <Copy size={14} />, run: onDuplicate },
                ]
              : []),
            { id: LIBRARY_IDS.menuExport, label: 'Export file', icon: <Download size={14} />, run: onExport },
            ...(editable
              ? [{ id: LIBRARY_IDS.menuDelete, label: 'Delete…', icon: <Trash2 size={14} />, run: onDelete, danger: true }]
              : []),
          ]}
        />
      )}
      {below}
    </li>
  );
}

interface MenuItem {
  id: string;
  label: string;
  icon: ReactNode;
  run: () => void;
  danger?: boolean;
}

/** The row's menu: arrow keys move, Enter picks, Escape or a click elsewhere closes it. */
function RowMenu({ items, onClose }: { items: MenuItem[]; onClose: () => void }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.querySelector('button')?.focus();
    const onPointer = (event: PointerEvent) => {
      if (!ref.current?.parentElement?.contains(event.target as Node)) onClose();
    };
    document.addEventListener('pointerdown', onPointer);
    return () => document.removeEventListener('pointerdown', onPointer);
  }, [onClose]);
  const move = (step: number) => {
    const buttons = [...(ref.current?.querySelectorAll('button') ?? [])];
    const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
    buttons[(at + step + buttons.length) % buttons.length]?.focus();
  };
  return (
    <div
      ref={ref}
      className="row-menu"
      role="menu"
      onKeyDown={(event) => {
        if (event.key === 'Escape') onClose();
        else if (event.key === 'ArrowDown') move(1);
        else if (event.key === 'ArrowUp') move(-1);
        else return;
        event.preventDefault();
      }}
    >
      {items.map((item) => (
        <button
          key={item.id}
          type="button"
          role="menuitem"
          className={item.danger === true ? 'danger-text' : undefined}
          data-testid={item.id}
          onClick={() => {
            onClose();
            item.run();
          }}
        >
          {item.icon}
          {item.label}
        </button>
      ))}
    </div>
  );
}

/** The name being edited in place: Enter or leaving the field keeps it, Escape cancels. */
function RenameInput({ name, onDone }: { name: string; onDone: (name: string | undefined) => void }) {
  const [value, setValue] = useState(name);
  const done = useRef(false);
  const finish = (result: string | undefined) => {
    if (done.current) return;
    done.current = true;
    onDone(result?.trim() === '' ? undefined : result);
  };
  return (
    <input
      autoFocus
      className="workflow-rename"
      aria-label={`New name for ${name}`}
      data-testid={LIBRARY_IDS.renameInput}
      value={value}
      onFocus={(event) => event.currentTarget.select()}
      onChange={(event) => setValue(event.currentTarget.value)}
      onBlur={() => finish(value)}
      onKeyDown={(event) => {
        if (event.key === 'Enter') finish(value);
        else if (event.key === 'Escape') finish(undefined);
      }}
    />
  );
}
