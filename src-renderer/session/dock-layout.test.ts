import { describe, expect, it } from 'vitest';
import { CANVAS_MIN_PX, DOCK_SIZES, sanitizeStoredLayout } from './dock-layout.ts';
import { createDockStore } from './dock-store.ts';

const PANELS = ['dock-left', 'dock-centre', 'dock-right'];

describe('sanitizeStoredLayout', () => {
  it('keeps a whole layout of the expected panels', () => {
    const text = JSON.stringify({ 'dock-left': 15, 'dock-centre': 62.5, 'dock-right': 22.5 });
    expect(JSON.parse(sanitizeStoredLayout(text, PANELS) ?? 'null')).toEqual({ 'dock-left': 15, 'dock-centre': 62.5, 'dock-right': 22.5 });
  });

  it.each([
    ['nothing stored', null],
    ['not JSON', '{"dock-left": 15,'],
    ['not an object', '[15, 62.5, 22.5]'],
    ['a missing panel', JSON.stringify({ 'dock-left': 30, 'dock-centre': 70 })],
    ['an unknown panel', JSON.stringify({ 'dock-left': 15, 'dock-centre': 60, 'dock-right': 20, 'dock-gone': 5 })],
    ['a size that is not a number', JSON.stringify({ 'dock-left': '15', 'dock-centre': 62.5, 'dock-right': 22.5 })],
    ['a negative size', JSON.stringify({ 'dock-left': -5, 'dock-centre': 82.5, 'dock-right': 22.5 })],
    ['sizes that do not add up to 100', JSON.stringify({ 'dock-left': 15, 'dock-centre': 40, 'dock-right': 22.5 })],
    ['a prototype key', '{"__proto__": 15, "dock-centre": 62.5, "dock-right": 22.5}'],
  ])('forgets %s (the default layout applies)', (_why, text) => {
    expect(sanitizeStoredLayout(text, PANELS)).toBeNull();
  });

  it('has docks whose minimums leave the canvas its room at 1440 px and sizes in order', () => {
    for (const sizes of Object.values(DOCK_SIZES)) {
      expect(sizes.collapsedPx).toBeLessThan(sizes.minPx);
      expect(sizes.minPx).toBeLessThanOrEqual(sizes.defaultPx);
      expect(sizes.defaultPx).toBeLessThanOrEqual(sizes.maxPx);
    }
    expect(1440 - DOCK_SIZES.left.maxPx - DOCK_SIZES.right.maxPx).toBeGreaterThanOrEqual(CANVAS_MIN_PX);
  });
});

describe('the dock store', () => {
  it('starts with the bottom dock collapsed, and showing a tab expands its dock', () => {
    const dock = createDockStore();
    expect(dock.getState().collapsed).toEqual({ left: false, right: false, bottom: true });
    dock.getState().showBottom('history');
    expect(dock.getState()).toMatchObject({ bottom: 'history', collapsed: { bottom: false } });
    dock.getState().setCollapsed('right', true);
    dock.getState().showSide('trace');
    expect(dock.getState()).toMatchObject({ side: 'trace', collapsed: { right: false } });
  });

  it('changes nothing when a dock already is as asked', () => {
    const dock = createDockStore();
    const before = dock.getState().collapsed;
    dock.getState().setCollapsed('left', false);
    expect(dock.getState().collapsed).toBe(before);
  });
});
