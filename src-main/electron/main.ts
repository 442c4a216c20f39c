// Electron main process: the thin desktop shell. It opens the window and nothing else yet;
// the engine host and the typed API wiring come with their own issues.
import { app, BrowserWindow } from 'electron';
import { join } from 'node:path';

function createMainWindow(): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 800,
    title: 'Operon',
    show: false,
    webPreferences: {
      // Built by electron-vite as CommonJS: a sandboxed preload cannot be an ES module.
      preload: join(import.meta.dirname, '../preload/index.cjs'),
      contextIsolation: true,
      nodeIntegration: false,
      sandbox: true,
    },
  });
  window.once('ready-to-show', () => window.show());
  // The renderer never opens windows of its own.
  window.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));

  // `electron-vite dev` serves the renderer and sets ELECTRON_RENDERER_URL; a build loads the file.
  const devUrl = process.env.ELECTRON_RENDERER_URL;
  const loading = devUrl ? window.loadURL(devUrl) : window.loadFile(join(import.meta.dirname, '../renderer/index.html'));
  loading.catch((error: unknown) => console.error('Operon could not load its window:', error));
  return window;
}

app
  .whenReady()
  .then(() => {
    createMainWindow();
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) createMainWindow();
    });
  })
  .catch((error: unknown) => {
    console.error('Operon failed to start:', error);
    app.exit(1);
  });

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
