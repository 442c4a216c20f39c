import { Background, BackgroundVariant } from '@xyflow/react';
import { CANVAS_GRID } from '../../editor/canvas-grid.ts';
import { useCompactNodes } from './node-view-context.tsx';

/**
 * The dotted grid behind the nodes, left out while a big graph is zoomed out to compact nodes. Its dots are then a
 * third of a pixel across and there is nothing to line up against them, yet React Flow moves the pattern on every pan
 * frame, so the browser fills the whole pane with it again each frame: a sixth of a pan frame's cost on a 1,000-node
 * graph (`npm run bench:editor`). The pane keeps the background colour (canvas.css); zooming in brings the dots back.
 */
export function CanvasBackground() {
  const compact = useCompactNodes();
  return compact ? null : <Background variant={BackgroundVariant.Dots} gap={CANVAS_GRID} />;
}
