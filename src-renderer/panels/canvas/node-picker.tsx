import { useEffect, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { filterChoices, type WireChoice } from '../../editor/wire-choices.ts';
import { CANVAS_IDS, nodePickerItemId } from '../../test-ids.ts';
import './canvas-ergonomics.css';

const WIDTH = 300;
const MAX_HEIGHT = 380;

/**
 * Picks a node type to add: a search box (focused) over the choices, arrow keys move, Enter adds, Escape or a click
 * elsewhere closes. `subject` says what the new node connects to ("after Transform · out").
 */
export function NodePicker({
  at,
  subject,
  choices,
  onPick,
  onClose,
}: {
  at: { x: number; y: number };
  subject: string | undefined;
  choices: readonly WireChoice[];
  onPick: (choice: WireChoice) => void;
  onClose: () => void;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const shown = useMemo(() => filterChoices(choices, query), [choices, query]);
  const place = {
    x: Math.max(4, Math.min(at.x, window.innerWidth - WIDTH - 4)),
    y: Math.max(4, Math.min(at.y, window.innerHeight - MAX_HEIGHT - 4)),
  };

  useEffect(() => {
    const onDown = (event: MouseEvent) => {
      if (!(event.target instanceof Node) || !ref.current?.contains(event.target)) onClose();
    };
    window.addEventListener('mousedown', onDown, true);
    return () => window.removeEventListener('mousedown', onDown, true);
  }, [onClose]);

  useLayoutEffect(() => {
    ref.current?.querySelector(`[data-index="${active}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [active]);

  const onKeyDown = (event: KeyboardEvent) => {
    event.stopPropagation();
    const last = shown.length - 1;
    if (event.key === 'ArrowDown') setActive((i) => (i >= last ? 0 : i + 1));
    else if (event.key === 'ArrowUp') setActive((i) => (i <= 0 ? last : i - 1));
    else if (event.key === 'Enter') {
      const choice = shown[Math.min(active, last)];
      if (choice !== undefined) onPick(choice);
    } else if (event.key === 'Escape') onClose();
    else return;
    event.preventDefault();
  };

  const activeType = shown[Math.min(active, shown.length - 1)]?.entry.type;
  return (
    <div
      ref={ref}
      className="node-picker"
      role="dialog"
      aria-label="Add a node"
      data-testid={CANVAS_IDS.nodePicker}
      style={{ left: place.x, top: place.y, width: WIDTH, maxHeight: MAX_HEIGHT }}
      onKeyDown={onKeyDown}
    >
      <div className="node-picker-head">
        <strong>Add a node</strong>
        {subject !== undefined && <span className="node-picker-subject">{subject}</span>}
      </div>
      <input
        type="search"
        autoFocus
        placeholder="Search node types"
        aria-label="Search node types"
        aria-controls="node-picker-list"
        aria-activedescendant={activeType === undefined ? undefined : `node-picker-${activeType}`}
        data-testid={CANVAS_IDS.nodePickerSearch}
        value={query}
        onChange={(event) => {
          setQuery(event.currentTarget.value);
          setActive(0);
        }}
      />
      {shown.length === 0 ? (
        <p className="node-picker-empty" data-testid={CANVAS_IDS.nodePickerEmpty}>
          {choices.length === 0 ? 'No node type can take this connection.' : 'No node type matches.'}
        </p>
      ) : (
        <ul id="node-picker-list" role="listbox" aria-label="Node types">
          {shown.map((choice, index) => (
            <li
              key={choice.entry.type}
              id={`node-picker-${choice.entry.type}`}
              role="option"
              aria-selected={choice.entry.type === activeType}
              data-index={index}
              data-testid={nodePickerItemId(choice.entry.type)}
              className={choice.entry.type === activeType ? 'node-picker-item active' : 'node-picker-item'}
              title={choice.entry.description}
              onMouseEnter={() => setActive(index)}
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => onPick(choice)}
            >
              <span className="node-picker-title">{choice.entry.title}</span>
              <span className="node-picker-meta">
                {choice.entry.category}
                {choice.port !== '' && ` · ${choice.port}`}
              </span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
