import { useEffect, useRef } from 'react';
import type { Completion, CompletionKind } from '../../editor/expressions/completions.ts';
import { EXPRESSION_IDS } from '../../test-ids.ts';

const KIND_MARK: Record<CompletionKind, { mark: string; title: string }> = {
  field: { mark: 'F', title: 'Field of the input' },
  'run-input': { mark: 'R', title: 'Run input' },
  port: { mark: 'P', title: 'Input port' },
  variable: { mark: 'V', title: 'Variable' },
  function: { mark: 'ƒ', title: 'Function' },
};

interface CompletionListProps {
  id: string;
  items: readonly Completion[];
  active: number;
  position: { left: number; top: number };
  onPick: (item: Completion) => void;
  onHover: (index: number) => void;
}

/** The open completion list under the caret: one row per candidate, its kind, name and a one-line detail. */
export function CompletionList({ id, items, active, position, onPick, onHover }: CompletionListProps) {
  const list = useRef<HTMLUListElement>(null);
  useEffect(() => {
    list.current?.querySelector('[aria-selected="true"]')?.scrollIntoView({ block: 'nearest' });
  }, [active]);
  return (
    <ul
      ref={list}
      id={id}
      role="listbox"
      aria-label="Completions"
      className="completion-list"
      data-testid={EXPRESSION_IDS.completions}
      style={{ left: position.left, top: position.top }}
    >
      {items.map((item, index) => (
        <li
          key={`${item.kind}:${item.label}`}
          id={`${id}-${index}`}
          role="option"
          aria-selected={index === active}
          data-testid={EXPRESSION_IDS.completion}
          className={`completion kind-${item.kind}`}
          title={item.detail}
          // Keep the focus in the field: a click picks without blurring it.
          onMouseDown={(event) => {
            event.preventDefault();
            onPick(item);
          }}
          onMouseEnter={() => onHover(index)}
        >
          <span className="completion-kind" title={KIND_MARK[item.kind].title} aria-hidden>
            {KIND_MARK[item.kind].mark}
          </span>
          <span className="completion-label">{item.label}</span>
          <span className="completion-detail">{item.detail}</span>
        </li>
      ))}
    </ul>
  );
}
