// Electron main process: the thin desktop shell. It starts the engine host in a utility process
// (out/main/engine-process.js, kept running by engine-host.ts), opens the window on the built renderer, and routes the
// window's API calls to the engine over a MessagePort per window (ipc-router.ts), and answers the desktop calls
// itself (provider keys kept with safeStorage: provider-keys.ts). The logic lives in those modules, each tested
// without Electron; this file only wires them to Electron's objects.
import { app, BrowserWindow, ipcMain, MessageChannelMain, safeStorage, session, shell, utilityProcess } from 'electron';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { resolveDataDir } from '../services/data-dir.ts';
import { startEngineHost, type EngineHost } from './engine-host.ts';
import { createIpcRouter, type IpcRouter } from './ipc-router.ts';
import { openProviderKeyStore } from './provider-keys.ts';
import { rendererLocation, type RendererLocation } from './renderer-location.ts';
import { denyAllPermissions, guardWindow } from './window-guards.ts';

const log = (message: string): void => console.error(`Operon: ${message}`);

function createMainWindow(location: RendererLocation, router: IpcRouter): BrowserWindow {
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
      webSecurity: true,
    },
  });
  window.once('ready-to-show', () => window.show());
  guardWindow(window.webContents, location.isAppUrl, (url) => void shell.openExternal(url).catch((error: unknown) => log(String(error))));
  router.attach(window.webContents);

  const loading = 'url' in location.load ? window.loadURL(location.load.url) : window.loadFile(location.load.file);
  loading.catch((error: unknown) => log(`could not load its window: ${String(error)}`));
  return window;
}

async function start(): Promise<{ engine: EngineHost }> {
  denyAllPermissions(session.defaultSession);
  // safeStorage answers only once the app is ready (on Linux its backend is "unknown" before): start() runs after.
  const keys = await openProviderKeyStore({
    // The same data folder as the engine process's (OPERON_HOME, else ~/.operon).
    dataDir: resolveDataDir({ env: process.env, home: homedir() }),
    safeStorage,
    onChange: (change) => engine.changeEnvironment(change),
    log,
  });
  const location = rendererLocation({
    // `electron-vite dev` serves the renderer and sets ELECTRON_RENDERER_URL; a build loads the file.
    devUrl: process.env.ELECTRON_RENDERER_URL,
    isPackaged: app.isPackaged,
    indexFile: join(import.meta.dirname, '../renderer/index.html'),
  });
  const engine = startEngineHost({
    // The engine reads OPERON_HOME (else ~/.operon) from the environment it inherits, as `operon serve` does.
    fork: () => utilityProcess.fork(join(import.meta.dirname, 'engine-process.js'), [], { serviceName: 'Operon engine', stdio: 'inherit' }),
    createChannel: () => new MessageChannelMain(),
    onRestart: (reason) => router.reconnectAll(reason),
    schedule: (task, ms) => {
      const timer = setTimeout(task, ms);
      return () => clearTimeout(timer);
    },
    now: () => Date.now(),
    log,
    environment: () => keys.environment(),
  });
  const router = createIpcRouter({
    ipcMain,
    isAppUrl: location.isAppUrl,
    connect: (contents) => engine.connect(contents.id),
    desktop: keys.calls,
  });
  createMainWindow(location, router);
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createMainWindow(location, router);
  });
  return { engine };
}

let engine: EngineHost | undefined;
let stopped = false;

app
  .whenReady()
  .then(async () => {
    engine = (await start()).engine;
  })
  .catch((error: unknown) => {
    log(`failed to start: ${String(error)}`);
    app.exit(1);
  });

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});

// Before quitting, the engine cancels the runs still going and flushes their logs (engine-host.ts `stop`).
app.on('before-quit', (event) => {
  if (stopped || engine === undefined) return;
  event.preventDefault();
  void engine.stop().finally(() => {
    stopped = true;
    app.quit();
  });
});
