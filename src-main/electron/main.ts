// Electron main process: the thin desktop shell. It starts the engine host in a utility process
// (out/main/engine-process.js, kept running by engine-host.ts), opens the window on the built renderer, routes the
// window's API calls to the engine over a MessagePort per window (ipc-router.ts), and owns what only a desktop app
// has: the menus (menu.ts), the files that reach the app (file-inbox.ts, recent-files.ts), one instance, the window's
// placement (window-state.ts) and the provider keys it keeps with safeStorage (provider-keys.ts). The logic lives in
// those modules, each tested without Electron; this file only wires them to Electron's objects.
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  MessageChannelMain,
  safeStorage,
  screen,
  session,
  shell,
  utilityProcess,
} from 'electron';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { resolveDataDir } from '../services/data-dir.ts';
import { desktopStatePath } from './desktop-state-file.ts';
import { startEngineHost, type EngineHost } from './engine-host.ts';
import { createFileInbox, type FileInbox } from './file-inbox.ts';
import { createIpcRouter, sendDesktopEvent, type DesktopCallImpls, type IpcRouter } from './ipc-router.ts';
import { buildMenuTemplate, type MenuActions } from './menu.ts';
import { openProviderKeyStore } from './provider-keys.ts';
import { openRecentFiles, type RecentFiles } from './recent-files.ts';
import { loadDesktopSecretKeys } from './secret-keys.ts';
import { rendererLocation, type RendererLocation } from './renderer-location.ts';
import { denyAllPermissions, guardWindow } from './window-guards.ts';
import { mainWindowOptions } from './window-options.ts';
import { rememberWindowState, windowPlacement } from './main-window-state.ts';
import { readWorkflowFile, workflowFilesIn } from './workflow-files.ts';

const log = (message: string): void => console.error(`Operon: ${message}`);
/** The data folder the engine uses too (OPERON_HOME, else ~/.operon): the desktop app keeps its own state under it. */
const dataDir = resolveDataDir({ env: process.env, home: homedir() });

interface Shell {
  location: RendererLocation;
  router: IpcRouter;
  inbox: FileInbox;
}

async function createMainWindow(shell_: Shell): Promise<BrowserWindow> {
  const placement = await windowPlacement(dataDir, screen, log);
  const window = new BrowserWindow(
    mainWindowOptions({ preload: join(import.meta.dirname, '../preload/index.cjs'), bounds: placement.bounds, minimum: placement.minimum }),
  );
  window.once('ready-to-show', () => {
    if (placement.maximized) window.maximize();
    window.show();
  });
  rememberWindowState(window, dataDir, log);
  const contents = window.webContents;
  guardWindow(contents, shell_.location.isAppUrl, (url) => void shell.openExternal(url).catch((error: unknown) => log(String(error))));
  shell_.router.attach(contents);
  // A page loading again (a reload) takes its files again when it is ready; a closed window takes none.
  contents.on('did-start-loading', () => shell_.inbox.unready(contents));
  contents.once('destroyed', () => shell_.inbox.unready(contents));

  const { load } = shell_.location;
  const loading = 'url' in load ? window.loadURL(load.url) : window.loadFile(load.file);
  loading.catch((error: unknown) => log(`could not load its window: ${String(error)}`));
  return window;
}

/** The window menus act on: the focused one, else the first. */
function targetWindow(): BrowserWindow | undefined {
  return BrowserWindow.getFocusedWindow() ?? BrowserWindow.getAllWindows()[0];
}

async function start(): Promise<{ engine: EngineHost }> {
  denyAllPermissions(session.defaultSession);
  // safeStorage answers only once the app is ready (on Linux its backend is "unknown" before): start() runs after.
  const keys = await openProviderKeyStore({ dataDir, safeStorage, onChange: (change) => engine.changeEnvironment(change), log });
  // The vault's key, kept encrypted by the OS keychain, handed to the engine process in a message (never argv or env).
  const secretKeys = await loadDesktopSecretKeys({ dataDir, env: process.env, safeStorage, log });
  const location = rendererLocation({
    // `electron-vite dev` serves the renderer and sets ELECTRON_RENDERER_URL; a build loads the file.
    devUrl: process.env.ELECTRON_RENDERER_URL,
    isPackaged: app.isPackaged,
    indexFile: join(import.meta.dirname, '../renderer/index.html'),
  });
  const recent: RecentFiles = await openRecentFiles(desktopStatePath(dataDir, 'recent-files.json'), log);

  const actions: MenuActions = {
    command(command) {
      const window = targetWindow();
      if (window !== undefined) sendDesktopEvent(window.webContents, 'desktop.command', { command });
    },
    openFiles(as) {
      const window = targetWindow();
      const options: Electron.OpenDialogOptions = {
        title: as === 'open' ? 'Open workflow' : 'Import workflows',
        properties: ['openFile', 'multiSelections'],
        filters: [{ name: 'Operon workflows', extensions: ['json'] }],
      };
      void (window === undefined ? dialog.showOpenDialog(options) : dialog.showOpenDialog(window, options)).then(async ({ filePaths }) => {
        for (const path of filePaths) await inbox.deliver(path, as);
      });
    },
    openRecent: (path) => void inbox.deliver(path, 'open'),
    clearRecent: () => void recent.clear().then(updateMenu),
    // In a package the README is unpacked from the ASAR (electron-builder.json), so another app can open it.
    openDocs: () =>
      void shell
        .openPath(join(app.getAppPath().replace(/app\.asar$/, 'app.asar.unpacked'), 'README.md'))
        .then((error) => error !== '' && log(`could not open the documentation: ${error}`)),
  };
  const updateMenu = (): void =>
    Menu.setApplicationMenu(
      Menu.buildFromTemplate(buildMenuTemplate({ platform: process.platform, isDev: !app.isPackaged, recent: recent.list(), actions })),
    );

  const inbox = createFileInbox({
    read: readWorkflowFile,
    choose: (ready) => ready.find((contents) => contents.id === BrowserWindow.getFocusedWindow()?.webContents.id) ?? ready[0],
    onOpened(path) {
      app.addRecentDocument(path);
      void recent.add(path).then(updateMenu);
    },
    onError(path, message) {
      dialog.showErrorBox('Operon could not open the workflow file', message);
      if (recent.list().includes(path)) void recent.remove(path).then(updateMenu);
    },
  });

  const engine = startEngineHost({
    // The engine reads OPERON_HOME (else ~/.operon) from the environment it inherits, as `operon serve` does.
    fork: () =>
      utilityProcess.fork(join(import.meta.dirname, 'engine-process.js'), [], {
        serviceName: 'Operon engine',
        stdio: 'inherit',
        // A packaged build's RunAsNode fuse is off, so the engine cannot start the expression sandbox's Node processes:
        // its sandbox runs worker threads there instead (node-services.ts, services/sandbox/launchers.ts).
        env: { ...process.env, ...(app.isPackaged ? { OPERON_SANDBOX: 'threads' } : {}) },
      }),
    createChannel: () => new MessageChannelMain(),
    onRestart: (reason) => router.reconnectAll(reason),
    schedule: (task, ms) => {
      const timer = setTimeout(task, ms);
      return () => clearTimeout(timer);
    },
    now: () => Date.now(),
    log,
    environment: () => keys.environment(),
    secretKeys: () => secretKeys,
  });
  // Every desktop call answered here (a new one in desktop-contract.ts does not compile until it is).
  const desktop: DesktopCallImpls = {
    ...keys.calls,
    'desktop.takeOpenFiles': (_input, contents) => Promise.resolve({ files: inbox.take(contents) }),
  };
  const router = createIpcRouter({
    ipcMain,
    isAppUrl: location.isAppUrl,
    connect: (contents) => engine.connect(contents.id),
    desktop,
  });
  const shell_: Shell = { location, router, inbox };
  updateMenu();
  await createMainWindow(shell_);

  // Files named on the command line, or handed over by a second launch (a double-click while the app runs).
  for (const path of workflowFilesIn(process.argv.slice(1), process.cwd())) void inbox.deliver(path, 'open');
  app.on('second-instance', (_event, argv, workingDirectory) => {
    const window = BrowserWindow.getAllWindows()[0];
    if (window !== undefined) {
      if (window.isMinimized()) window.restore();
      window.focus();
    }
    for (const path of workflowFilesIn(argv.slice(1), workingDirectory)) void inbox.deliver(path, 'open');
  });
  openFileTarget = (path) => void inbox.deliver(path, 'open');
  for (const path of openedEarly.splice(0)) openFileTarget(path);

  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) void createMainWindow(shell_);
  });
  return { engine };
}

let engine: EngineHost | undefined;
let stopped = false;
/** macOS hands over double-clicked files with `open-file`, possibly before the app is ready: they wait here. */
const openedEarly: string[] = [];
let openFileTarget: ((path: string) => void) | undefined;

// One instance: a second launch hands its files to this one (`second-instance`) and quits.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('open-file', (event, path) => {
    event.preventDefault();
    if (openFileTarget === undefined) openedEarly.push(path);
    else openFileTarget(path);
  });

  app
    .whenReady()
    .then(start)
    .then((started) => {
      engine = started.engine;
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
}
