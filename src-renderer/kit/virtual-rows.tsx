import './kit.css';
import { useEffect, useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import { scrollToShow, visibleRows } from './windowing.ts';

export interface VirtualRowsProps {
  count: number;
  /** Every row is exactly this many pixels high. */
  rowHeight: number;
  renderRow: (index: number) => ReactNode;
  /** Scrolls this row into view when it changes (the selected node's row). */
  showIndex?: number | undefined;
  /** Stays on top while the rows scroll (a timeline's axis), aligned with them. */
  header?: ReactNode;
  className?: string;
  testId?: string;
}

/**
 * A scrolling list that renders only the rows in view (hand-rolled windowing over fixed-height rows), so a run of
 * 10,000 nodes keeps a few dozen rows in the DOM. Each row is placed absolutely at `index × rowHeight`.
 */
export function VirtualRows({ count, rowHeight, renderRow, showIndex, header, className, testId }: VirtualRowsProps) {
  const scroller = useRef<HTMLDivElement>(null);
  const headerRef = useRef<HTMLDivElement>(null);
  const [view, setView] = useState({ scrollTop: 0, height: 0 });

  useLayoutEffect(() => {
    const element = scroller.current;
    if (element === null) return;
    const measure = () => setView({ scrollTop: element.scrollTop, height: element.clientHeight });
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  useEffect(() => {
    const element = scroller.current;
    if (element === null || showIndex === undefined || showIndex < 0) return;
    // The sticky header covers the top of the view: rows show below it.
    const viewportHeight = element.clientHeight - (headerRef.current?.offsetHeight ?? 0);
    const to = scrollToShow(showIndex, { scrollTop: element.scrollTop, viewportHeight, rowHeight });
    if (to !== undefined) element.scrollTop = to;
  }, [showIndex, rowHeight]);

  const { start, end } = visibleRows({ scrollTop: view.scrollTop, viewportHeight: view.height, rowHeight, rowCount: count });
  const rows: ReactNode[] = [];
  for (let index = start; index < end; index++) {
    rows.push(
      <div key={index} className="virtual-row" style={{ top: index * rowHeight, height: rowHeight }}>
        {renderRow(index)}
      </div>,
    );
  }
  return (
    <div
      ref={scroller}
      className={`virtual-rows ${className ?? ''}`}
      data-testid={testId}
      data-rows={count}
      onScroll={(event) => {
        const element = event.currentTarget;
        setView({ scrollTop: element.scrollTop, height: element.clientHeight });
      }}
    >
      {header !== undefined && (
        <div ref={headerRef} className="virtual-rows-header">
          {header}
        </div>
      )}
      <div className="virtual-rows-body" style={{ height: count * rowHeight }}>
        {rows}
      </div>
    </div>
  );
}
