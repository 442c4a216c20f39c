import type { XYPosition } from '@xyflow/react';
import { CANVAS_GRID, snapToGrid } from './canvas-grid.ts';
import { freeSpot, type PlacedNode } from './free-spot.ts';
import { UNMEASURED_NODE_SIZE } from './node-size.ts';

/** The gap between a node and the one inserted after it. */
export const INSERT_GAP = 80;
const DEFAULT_WIDTH = UNMEASURED_NODE_SIZE.width;

/** Where a node inserted after `after` goes: to its right, spaced, on the grid, moved down past any node in the way. */
export function placeAfter(nodes: readonly PlacedNode[], after: PlacedNode, grid = CANVAS_GRID): XYPosition {
  const width = after.measured?.width ?? DEFAULT_WIDTH;
  const x = snapToGrid(after.position.x + width + INSERT_GAP, grid);
  return freeSpot(nodes, { x, y: snapToGrid(after.position.y, grid) });
}

/** Where a node inserted before `before` (a wire drawn back from its input) goes: to its left, spaced. */
export function placeBefore(nodes: readonly PlacedNode[], before: PlacedNode, grid = CANVAS_GRID): XYPosition {
  const x = snapToGrid(before.position.x - DEFAULT_WIDTH - INSERT_GAP, grid);
  return freeSpot(nodes, { x, y: snapToGrid(before.position.y, grid) });
}
