import type { XYPosition } from '@xyflow/react';

/** Roughly one node's footprint on the canvas. */
const NODE_WIDTH = 200;
const NODE_HEIGHT = 70;
const STEP = 80;

/** `at`, or the first spot below it that does not cover an existing node's top-left area (so a new node is not hidden). */
export function freeSpot(nodes: readonly { position: XYPosition }[], at: XYPosition): XYPosition {
  let y = at.y;
  for (let i = 0; i < 50; i++) {
    const covered = nodes.some((n) => Math.abs(n.position.x - at.x) < NODE_WIDTH && Math.abs(n.position.y - y) < NODE_HEIGHT);
    if (!covered) break;
    y += STEP;
  }
  return { x: at.x, y };
}
