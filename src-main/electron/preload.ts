// Preload: the only bridge between the sandboxed renderer and the main process. It exposes one object,
// `window.operon` (src-shared/api/bridge.ts): the contract's calls and events and the version, never raw
// `ipcRenderer`. The logic is in bridge.ts, which takes the call and event names from the contract, so a new API call
// needs no edit here.
import { contextBridge, ipcRenderer } from 'electron';
import { BRIDGE_NAME } from '../../src-shared/api/bridge.ts';
import { createBridge } from './bridge.ts';

/** package.json's version, inlined by electron.vite.config.ts (`define`). */
declare const __OPERON_VERSION__: string;

contextBridge.exposeInMainWorld(BRIDGE_NAME, createBridge(ipcRenderer, __OPERON_VERSION__));
