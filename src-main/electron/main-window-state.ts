import type { BrowserWindow, Screen } from 'electron';
import { desktopStateFile, desktopStatePath } from './desktop-state-file.ts';
import { MIN_SIZE, placeWindow, WindowStateSchema, type Rectangle } from './window-state.ts';

/** How long the window must rest after a move or resize before its place is written. */
const SAVE_AFTER_MS = 500;

const stateFile = (dataDir: string, log: (message: string) => void) =>
  desktopStateFile(desktopStatePath(dataDir, 'window-state.json'), WindowStateSchema, log);

/** Where the main window opens (window-state.ts `placeWindow` over the displays there are now). */
export async function windowPlacement(
  dataDir: string,
  screen: Pick<Screen, 'getPrimaryDisplay' | 'getAllDisplays'>,
  log: (message: string) => void,
) {
  const primary = screen.getPrimaryDisplay();
  const displays: Rectangle[] = [
    primary.workArea,
    ...screen
      .getAllDisplays()
      .filter((d) => d.id !== primary.id)
      .map((d) => d.workArea),
  ];
  const { maximized, ...bounds } = placeWindow(await stateFile(dataDir, log).read(), displays);
  return { bounds, maximized, minimum: MIN_SIZE };
}

/** Writes the window's place when it has rested after a move or resize, and when it closes. */
export function rememberWindowState(window: BrowserWindow, dataDir: string, log: (message: string) => void): void {
  const file = stateFile(dataDir, log);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const save = (): void => {
    clearTimeout(timer);
    if (window.isDestroyed() || window.isMinimized() || window.isFullScreen()) return;
    const state = { bounds: window.getNormalBounds(), maximized: window.isMaximized() };
    void file.write(state).catch((error: unknown) => log(`could not remember the window's place: ${String(error)}`));
  };
  const later = (): void => {
    clearTimeout(timer);
    timer = setTimeout(save, SAVE_AFTER_MS);
  };
  window.on('resize', later);
  window.on('move', later);
  window.on('maximize', later);
  window.on('unmaximize', later);
  window.on('close', save);
}
