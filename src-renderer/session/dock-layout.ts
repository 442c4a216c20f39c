import type { DockName } from './dock-store.ts';

/**
 * The editor window's resizable layout: two panel groups (the columns: left dock, centre, right dock; the centre's
 * rows: canvas, bottom dock), their sizes in pixels, and the layouts remembered in localStorage (the desktop app's
 * renderer keeps its localStorage across restarts too).
 */

/** One dock's sizes in pixels: what it starts at, the least and most it may take, and its collapsed rail or strip. */
export interface DockSizes {
  defaultPx: number;
  minPx: number;
  maxPx: number;
  collapsedPx: number;
}

export const DOCK_SIZES: Readonly<Record<DockName, DockSizes>> = {
  left: { defaultPx: 200, minPx: 170, maxPx: 420, collapsedPx: 30 },
  right: { defaultPx: 320, minPx: 260, maxPx: 640, collapsedPx: 30 },
  // Collapsed to its tab strip (and the problems count), so the canvas has the room until a run starts.
  bottom: { defaultPx: 300, minPx: 140, maxPx: 900, collapsedPx: 34 },
};

/** The canvas never gets narrower or shorter than this, whatever the docks take. */
export const CANVAS_MIN_PX = 320;

/** Panel ids (also their DOM ids) and the groups they sit in. */
export const LAYOUT_GROUPS = {
  columns: { id: 'operon-columns', panels: ['dock-left', 'dock-centre', 'dock-right'] },
  rows: { id: 'operon-rows', panels: ['dock-canvas', 'dock-bottom'] },
} as const;

/**
 * A remembered layout as stored (`{ "<panel id>": <percent>, … }`), checked before the panel library reads it: text
 * that is not JSON, misses a panel, has a size outside 0–100 or does not add up to 100 is forgotten (null), so a
 * damaged or older entry gives the default layout instead of a crash or a panel squeezed to nothing.
 */
export function sanitizeStoredLayout(text: string | null, panelIds: readonly string[]): string | null {
  if (text === null) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return null;
  const sizes = parsed as Record<string, unknown>;
  const layout: Record<string, number> = {};
  let total = 0;
  for (const id of panelIds) {
    const size = Object.hasOwn(sizes, id) ? sizes[id] : undefined;
    if (typeof size !== 'number' || !Number.isFinite(size) || size < 0 || size > 100) return null;
    layout[id] = size;
    total += size;
  }
  if (Object.keys(sizes).length !== panelIds.length || Math.abs(total - 100) > 1) return null;
  return JSON.stringify(layout);
}

/** The localStorage key the panel library uses for a group (`react-resizable-panels:<group id>`). */
const keyPanels = (key: string): readonly string[] | undefined =>
  Object.values(LAYOUT_GROUPS).find((group) => key === `react-resizable-panels:${group.id}`)?.panels;

/** localStorage for the panel library: what it reads is sanitized first, and a storage that throws (private mode, full) is ignored. */
export const layoutStorage = {
  getItem(key: string): string | null {
    const panels = keyPanels(key);
    try {
      const text = window.localStorage.getItem(key);
      return panels === undefined ? text : sanitizeStoredLayout(text, panels);
    } catch {
      return null;
    }
  },
  setItem(key: string, value: string): void {
    try {
      window.localStorage.setItem(key, value);
    } catch {
      // Not remembered this time; the layout on screen is unaffected.
    }
  },
};
