// electron-vite 6 config: one Vite build per Electron process. Sources live in the runtime
// folders of HOUSE_STYLE.md rather than electron-vite's default src/{main,preload,renderer}.
import { defineConfig } from 'electron-vite';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const root = import.meta.dirname;
const { version } = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as { version: string };

export default defineConfig({
  main: {
    build: {
      rolldownOptions: {
        input: {
          // Named `index` so the output is out/main/index.js, package.json's "main".
          index: resolve(root, 'src-main/electron/main.ts'),
          // The engine host, started by main.ts with utilityProcess.fork: out/main/engine-process.js.
          'engine-process': resolve(root, 'src-main/engine-process/main.ts'),
          // The expression sandbox's worker thread, started by services/sandbox/worker-pool.ts: out/main/sandbox-worker.js.
          'sandbox-worker': resolve(root, 'src-main/services/sandbox/sandbox-worker.ts'),
        },
      },
    },
  },
  preload: {
    define: { __OPERON_VERSION__: JSON.stringify(version) },
    build: {
      // A sandboxed preload can require only `electron`: zod and the API contract are bundled into it.
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: resolve(root, 'src-main/electron/preload.ts') },
        // A sandboxed preload must be CommonJS (Electron's ESM support excludes sandboxed preloads);
        // `.cjs` because package.json says "type": "module". main.ts loads out/preload/index.cjs.
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(root, 'src-renderer'),
    // Vite 8 transforms TS/JSX with Oxc; no React plugin (and so no Fast Refresh) for now.
    oxc: { jsx: { runtime: 'automatic' } },
    // The CSV libraries' Node builds expect Node's Buffer; their browser builds bring their own.
    resolve: {
      alias: {
        'csv-parse/sync': 'csv-parse/browser/esm/sync',
        'csv-stringify/sync': 'csv-stringify/browser/esm/sync',
      },
    },
    build: {
      rolldownOptions: { input: { index: resolve(root, 'src-renderer/index.html') } },
    },
  },
});
