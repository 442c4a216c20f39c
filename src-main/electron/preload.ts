// Preload: the only bridge between the sandboxed renderer and the main process.
// For now it exposes the app version and nothing else. The typed API (each call and event
// validated against the zod contract in src-shared) replaces this with its own issue;
// never expose raw `ipcRenderer` here.
import { contextBridge } from 'electron';

/** package.json's version, inlined by electron.vite.config.ts (`define`). */
declare const __OPERON_VERSION__: string;

contextBridge.exposeInMainWorld('operon', { version: __OPERON_VERSION__ });
