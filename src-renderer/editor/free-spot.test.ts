import { describe, expect, it } from 'vitest';
import { freeSpot } from './free-spot.ts';

describe('freeSpot', () => {
  it('keeps the spot when it is free', () => {
    expect(freeSpot([{ position: { x: 500, y: 0 } }], { x: 0, y: 0 })).toEqual({ x: 0, y: 0 });
  });

  it('moves down past the nodes it would cover', () => {
    const nodes = [{ position: { x: 0, y: 0 } }, { position: { x: 30, y: 80 } }];
    expect(freeSpot(nodes, { x: 10, y: 10 })).toEqual({ x: 10, y: 170 });
  });
});
