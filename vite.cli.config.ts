// The CLI build (`npm run build`, after electron-vite's): `operon` as plain ESM JavaScript in out/cli/, with source
// maps. Vite's SSR build leaves every package in node_modules external (LanceDB's native module, the OpenAI SDK, zod…):
// they load from the installed package's dependencies, as they would from the sources. Each command and each lazily
// loaded service (the OpenAI SDK, LanceDB, the embedders) is imported dynamically, so each is a chunk of its own that
// loads only when used.
import { resolve } from 'node:path';
import { defineConfig } from 'vite';

const root = import.meta.dirname;

export default defineConfig({
  publicDir: false,
  build: {
    ssr: true,
    outDir: resolve(root, 'out/cli'),
    emptyOutDir: true,
    sourcemap: true,
    target: 'node24',
    minify: false,
    rolldownOptions: {
      input: {
        main: resolve(root, 'src-main/cli/main.ts'),
        // The expression sandbox's worker process, which services/sandbox/worker-pool.ts forks from out/cli/.
        'sandbox-worker': resolve(root, 'src-main/services/sandbox/sandbox-worker.ts'),
      },
      output: { format: 'es', entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js' },
    },
  },
});
