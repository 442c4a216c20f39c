import { describe, expect, it } from 'vitest';
import { INSERT_GAP, placeAfter, placeBefore } from './insert-placement.ts';

describe('placeAfter', () => {
  it('goes to the right of the node by its measured width and a gap, on the grid', () => {
    const after = { position: { x: 100, y: 50 }, measured: { width: 230, height: 90 } };
    expect(placeAfter([after], after)).toEqual({ x: Math.round((100 + 230 + INSERT_GAP) / 16) * 16, y: 48 });
  });

  it('moves down past a node already in that spot', () => {
    const after = { position: { x: 0, y: 0 } };
    const blocking = { position: { x: 288, y: 0 } };
    const spot = placeAfter([after, blocking], after);
    expect(spot.x).toBe(288);
    expect(spot.y).toBeGreaterThanOrEqual(70);
  });
});

describe('placeBefore', () => {
  it('goes to the left of the node', () => {
    expect(placeBefore([], { position: { x: 400, y: 16 } })).toEqual({ x: 128, y: 16 });
  });
});
