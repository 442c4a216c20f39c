import type { BrowserWindowConstructorOptions } from 'electron';

/**
 * The main window's options, with every setting of Electron's security checklist spelled out rather than left to
 * defaults that have changed between Electron versions: an isolated, sandboxed renderer without Node, web security
 * on, no webviews, no insecure content, no experimental features, and no navigation to a dropped file.
 */
export function mainWindowOptions(options: {
  /** The built preload (CommonJS: a sandboxed preload cannot be an ES module). */
  preload: string;
  bounds: { x?: number; y?: number; width: number; height: number };
  minimum: { width: number; height: number };
}): BrowserWindowConstructorOptions {
  return {
    ...options.bounds,
    minWidth: options.minimum.width,
    minHeight: options.minimum.height,
    title: 'Operon',
    show: false,
    webPreferences: {
      preload: options.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      spellcheck: false,
    },
  };
}
