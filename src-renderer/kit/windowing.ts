/** Which rows of a fixed-height list to render: only those in view, plus `overscan` rows either side. */
export interface RowWindow {
  /** First row to render. */
  start: number;
  /** One past the last row to render. */
  end: number;
}

export interface WindowInput {
  scrollTop: number;
  viewportHeight: number;
  rowHeight: number;
  rowCount: number;
  overscan?: number;
}

/**
 * The rows visible in a viewport scrolled to `scrollTop` (hand-rolled windowing: every row is `rowHeight` pixels).
 * With no height measured yet, renders as many rows as `overscan` allows, so the first paint is not empty.
 */
export function visibleRows({ scrollTop, viewportHeight, rowHeight, rowCount, overscan = 8 }: WindowInput): RowWindow {
  if (rowCount <= 0 || rowHeight <= 0) return { start: 0, end: 0 };
  const first = Math.floor(Math.max(0, scrollTop) / rowHeight);
  const shown = Math.ceil(Math.max(0, viewportHeight) / rowHeight) + 1;
  const start = clamp(first - overscan, 0, rowCount);
  const end = clamp(first + shown + overscan, start, rowCount);
  return { start, end };
}

/**
 * The scroll position that brings row `index` into view, or undefined when it is in view already: scrolls as little
 * as it can (the row ends up at the top when above, at the bottom when below).
 */
export function scrollToShow(index: number, { scrollTop, viewportHeight, rowHeight }: Omit<WindowInput, 'rowCount'>): number | undefined {
  const top = index * rowHeight;
  const bottom = top + rowHeight;
  if (top < scrollTop) return top;
  if (bottom > scrollTop + viewportHeight) return Math.max(0, bottom - viewportHeight);
  return undefined;
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}
