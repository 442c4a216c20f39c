import type { XYPosition } from '@xyflow/react';
import { UNMEASURED_NODE_SIZE } from './node-size.ts';

const DEFAULT_WIDTH = UNMEASURED_NODE_SIZE.width;
const DEFAULT_HEIGHT = UNMEASURED_NODE_SIZE.height;
/** The clear space kept between a new node and the one above it. */
const GAP = 32;

/** A node as placement reads it: where it is and, once React Flow has measured it, its size. */
export interface PlacedNode {
  position: XYPosition;
  measured?: { width?: number; height?: number };
}

/**
 * `at`, or the first spot straight below it where a new node covers no existing node (their measured sizes, else a
 * typical node's), so what is added is never hidden under another node.
 */
export function freeSpot(nodes: readonly PlacedNode[], at: XYPosition): XYPosition {
  let y = at.y;
  for (let i = 0; i < 200; i++) {
    const blocking = nodes.filter((node) => overlaps(node, at.x, y));
    if (blocking.length === 0) break;
    y = Math.max(...blocking.map((node) => node.position.y + (node.measured?.height ?? DEFAULT_HEIGHT))) + GAP;
  }
  return { x: at.x, y };
}

function overlaps(node: PlacedNode, x: number, y: number): boolean {
  const width = node.measured?.width ?? DEFAULT_WIDTH;
  const height = node.measured?.height ?? DEFAULT_HEIGHT;
  return (
    x < node.position.x + width &&
    node.position.x < x + DEFAULT_WIDTH &&
    y < node.position.y + height &&
    node.position.y < y + DEFAULT_HEIGHT
  );
}
