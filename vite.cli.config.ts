// The CLI build (`npm run build`, after electron-vite's): `operon` as plain ESM JavaScript in out/cli/, with source
// maps. Each command and each lazily loaded service (the OpenAI SDK, LanceDB, the embedders) is imported dynamically,
// so each is a chunk of its own that loads only when used.
//
// Which packages stay in node_modules: LanceDB and Apache Arrow (a native module, and the Arrow classes LanceDB checks
// with instanceof), the OpenAI SDK and ws (loaded late, for a model call or `operon serve`; ws may load native addons).
// They load from the installed package's dependencies. The other libraries (zod, commander, jsonata, the CSV and JSON
// parsers, log-update…) are pure JavaScript and are bundled: loading zod alone from node_modules is about 95 ES modules
// to resolve and link, about a quarter of `operon run`'s CPU (bench/cli-bench.ts). They stay listed in
// dependencies for the desktop app, whose main process loads them from node_modules.
import { resolve } from 'node:path';
import { defineConfig } from 'vite';

const root = import.meta.dirname;

export default defineConfig({
  publicDir: false,
  ssr: {
    noExternal: true,
    external: ['@lancedb/lancedb', 'apache-arrow', 'openai', 'ws'],
  },
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
