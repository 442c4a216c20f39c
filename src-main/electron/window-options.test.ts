import { describe, expect, it } from 'vitest';
import { mainWindowOptions } from './window-options.ts';

describe('mainWindowOptions', () => {
  it("carries every security setting of Electron's checklist, explicitly", () => {
    const options = mainWindowOptions({
      preload: '/app/out/preload/index.cjs',
      bounds: { width: 1440, height: 900 },
      minimum: { width: 960, height: 600 },
    });
    expect(options.webPreferences).toEqual({
      preload: '/app/out/preload/index.cjs',
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
    });
    // Shown once its page is ready, at the remembered size, never smaller than the editor can use.
    expect(options).toMatchObject({ show: false, width: 1440, height: 900, minWidth: 960, minHeight: 600, title: 'Operon' });
  });
});
