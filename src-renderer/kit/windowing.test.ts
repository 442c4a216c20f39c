import { describe, expect, it } from 'vitest';
import { scrollToShow, visibleRows } from './windowing.ts';

describe('visibleRows', () => {
  it('renders only the rows in view of a 10,000-row list, plus the overscan', () => {
    const window = visibleRows({ scrollTop: 22_000, viewportHeight: 220, rowHeight: 22, rowCount: 10_000, overscan: 5 });
    expect(window).toEqual({ start: 995, end: 1016 });
    expect(window.end - window.start).toBeLessThan(30);
  });

  it('starts at row 0 at the top and never goes past the last row', () => {
    expect(visibleRows({ scrollTop: 0, viewportHeight: 100, rowHeight: 20, rowCount: 3, overscan: 5 })).toEqual({ start: 0, end: 3 });
    expect(visibleRows({ scrollTop: 1_000_000, viewportHeight: 100, rowHeight: 20, rowCount: 50, overscan: 2 })).toEqual({
      start: 50,
      end: 50,
    });
  });

  it('renders the overscan before the viewport is measured and nothing for an empty list', () => {
    expect(visibleRows({ scrollTop: 0, viewportHeight: 0, rowHeight: 20, rowCount: 100, overscan: 8 })).toEqual({ start: 0, end: 9 });
    expect(visibleRows({ scrollTop: 0, viewportHeight: 500, rowHeight: 20, rowCount: 0 })).toEqual({ start: 0, end: 0 });
  });
});

describe('scrollToShow', () => {
  const view = { scrollTop: 200, viewportHeight: 100, rowHeight: 20 };

  it('leaves a row in view alone', () => {
    expect(scrollToShow(11, view)).toBeUndefined();
  });

  it('scrolls up to a row above and down to a row below, as little as it can', () => {
    expect(scrollToShow(2, view)).toBe(40);
    expect(scrollToShow(20, view)).toBe(320);
  });
});
