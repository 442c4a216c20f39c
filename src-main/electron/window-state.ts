import { z } from 'zod';

export interface Rectangle {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The main window's placement as remembered: its normal (not maximized) bounds and whether it was maximized. */
export const WindowStateSchema = z.object({
  bounds: z.object({ x: z.int(), y: z.int(), width: z.int().positive(), height: z.int().positive() }),
  maximized: z.boolean(),
});
export type WindowState = z.infer<typeof WindowStateSchema>;

export const DEFAULT_SIZE = { width: 1440, height: 900 } as const;
export const MIN_SIZE = { width: 960, height: 600 } as const;
/** How much of a remembered window must be on some display for it to open there (else it opens centred). */
const MIN_VISIBLE = 120;

/**
 * Where the window opens: where it was, when that is still on a display (a monitor may have been unplugged since);
 * else centred (no x/y) at the remembered size, shrunk to fit the primary display's work area.
 */
export function placeWindow(
  saved: WindowState | undefined,
  displays: readonly Rectangle[],
): { x?: number; y?: number; width: number; height: number; maximized: boolean } {
  const primary = displays[0];
  const fit = (size: { width: number; height: number }) => ({
    width: Math.max(MIN_SIZE.width, Math.min(size.width, primary?.width ?? size.width)),
    height: Math.max(MIN_SIZE.height, Math.min(size.height, primary?.height ?? size.height)),
  });
  if (saved === undefined) return { ...fit(DEFAULT_SIZE), maximized: false };
  const { bounds } = saved;
  const visible = displays.some((display) => overlap(bounds, display) >= MIN_VISIBLE);
  if (!visible) return { ...fit(bounds), maximized: saved.maximized };
  return {
    x: bounds.x,
    y: bounds.y,
    width: Math.max(MIN_SIZE.width, bounds.width),
    height: Math.max(MIN_SIZE.height, bounds.height),
    maximized: saved.maximized,
  };
}

/** The smaller side of the intersection of two rectangles (0 when they do not meet). */
function overlap(a: Rectangle, b: Rectangle): number {
  const width = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const height = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return width > 0 && height > 0 ? Math.min(width, height) : 0;
}
