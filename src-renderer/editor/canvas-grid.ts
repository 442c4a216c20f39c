/** The canvas grid's spacing in flow units: nodes snap to it, inserted nodes are placed on it, its dots mark it. */
export const CANVAS_GRID = 16;

/** `value` rounded to the nearest line of the grid. */
export function snapToGrid(value: number, grid = CANVAS_GRID): number {
  return Math.round(value / grid) * grid;
}
