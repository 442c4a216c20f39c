import { describe, expect, it } from 'vitest';
import { freeSpot } from './free-spot.ts';
import { UNMEASURED_NODE_SIZE } from './node-size.ts';

describe('freeSpot', () => {
  it('keeps the spot when it is free', () => {
    expect(freeSpot([{ position: { x: 500, y: 0 } }], { x: 0, y: 0 })).toEqual({ x: 0, y: 0 });
  });

  it('moves down past the nodes it would cover, by their measured heights', () => {
    const nodes = [
      { position: { x: 0, y: 0 }, measured: { width: 240, height: 180 } },
      { position: { x: 30, y: 200 }, measured: { width: 240, height: 150 } },
    ];
    // Below the first (0 + 180 + 32 = 212), which still covers the second: below that (200 + 150 + 32 = 382).
    expect(freeSpot(nodes, { x: 10, y: 10 })).toEqual({ x: 10, y: 382 });
  });

  it('takes the unmeasured size for nodes not measured yet', () => {
    // Below the unmeasured node's height and the gap of 32.
    expect(freeSpot([{ position: { x: 0, y: 0 } }], { x: 100, y: 50 })).toEqual({ x: 100, y: UNMEASURED_NODE_SIZE.height + 32 });
    // Just past its width, the spot is free.
    expect(freeSpot([{ position: { x: 0, y: 0 } }], { x: UNMEASURED_NODE_SIZE.width, y: 50 })).toEqual({
      x: UNMEASURED_NODE_SIZE.width,
      y: 50,
    });
  });

  it('stays put beside a node it does not touch', () => {
    expect(freeSpot([{ position: { x: 0, y: 0 }, measured: { width: 200, height: 300 } }], { x: 260, y: 0 })).toEqual({ x: 260, y: 0 });
  });
});
