import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { desktopStateFile } from './desktop-state-file.ts';
import { DEFAULT_SIZE, MIN_SIZE, placeWindow, WindowStateSchema, type Rectangle } from './window-state.ts';

const laptop: Rectangle = { x: 0, y: 0, width: 1920, height: 1050 };
const monitor: Rectangle = { x: 1920, y: 0, width: 2560, height: 1400 };

describe('placeWindow', () => {
  it('opens a first window at the default size, centred', () => {
    expect(placeWindow(undefined, [laptop])).toEqual({ ...DEFAULT_SIZE, maximized: false });
    expect(placeWindow(undefined, [{ x: 0, y: 0, width: 1280, height: 700 }])).toEqual({
      width: 1280,
      height: MIN_SIZE.height + 100,
      maximized: false,
    });
  });

  it('reopens where it was, maximized or not, while that place is on a display', () => {
    const saved = { bounds: { x: 2100, y: 80, width: 1600, height: 1000 }, maximized: true };
    expect(placeWindow(saved, [laptop, monitor])).toEqual({ x: 2100, y: 80, width: 1600, height: 1000, maximized: true });
  });

  it('opens centred on the primary display when its monitor is gone, shrunk to fit', () => {
    const saved = { bounds: { x: 2100, y: 80, width: 2400, height: 1300 }, maximized: false };
    expect(placeWindow(saved, [laptop])).toEqual({ width: 1920, height: 1050, maximized: false });
    // A sliver still on screen is not enough to find the window by.
    const sliver = { bounds: { x: 1900, y: 0, width: 1200, height: 800 }, maximized: false };
    expect(placeWindow(sliver, [laptop])).toEqual({ width: 1200, height: 800, maximized: false });
  });

  it('is remembered in a file, and a damaged file only costs the placement', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'operon-window-'));
    try {
      const logged: string[] = [];
      const file = desktopStateFile(join(dir, 'desktop', 'window-state.json'), WindowStateSchema, (m) => logged.push(m));
      expect(await file.read()).toBeUndefined();
      await file.write({ bounds: { x: 10, y: 20, width: 1500, height: 950 }, maximized: false });
      expect(await file.read()).toEqual({ bounds: { x: 10, y: 20, width: 1500, height: 950 }, maximized: false });
      await file.write({ bounds: { x: 0, y: 0, width: -5, height: 1 }, maximized: false });
      expect(await file.read()).toBeUndefined();
      expect(logged).toEqual([expect.stringContaining('window-state.json is not valid (bounds.width:')]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
