/**
 * The size a node is taken to have before React Flow has measured it (one just added, or not drawn yet): every node's
 * width (`.operon-node` in canvas.css) and a typical height. Free spots, insertion, auto-layout and the palette's
 * reveal all read this one guess.
 */
export const UNMEASURED_NODE_SIZE = { width: 200, height: 120 } as const;
