import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from './fixtures/serve.ts';

const BUILT_PAGE = path.join(ROOT, 'out/renderer/index.html');
/** The built preload, which ipc-bridge.e2e.ts runs in the page. */
const BUILT_PRELOAD = path.join(ROOT, 'out/preload/index.cjs');
/** The sources the built renderer and preload come from: a file newer than the build means the build is stale. */
const RENDERER_SOURCES = [
  'src-renderer',
  'src-shared',
  'src-main/electron/preload.ts',
  'src-main/electron/bridge.ts',
  'electron.vite.config.ts',
];

/**
 * Builds the renderer and the preload (`electron-vite build`) when `out/renderer/index.html` or
 * `out/preload/index.cjs` is missing or older than one of their sources, so the tests never drive a stale editor.
 * OPERON_E2E_SKIP_BUILD=1 uses whatever `out/` holds.
 */
export default function globalSetup(): void {
  if (process.env.OPERON_E2E_SKIP_BUILD === '1') return;
  const reason = whyBuild();
  if (reason === undefined) return;
  console.log(`e2e: building the renderer (${reason})…`);
  const bin = path.join(ROOT, 'node_modules/.bin/electron-vite');
  const result = spawnSync(bin, ['build'], { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`e2e: \`electron-vite build\` failed (exit ${result.status ?? result.signal}); see above`);
}

function whyBuild(): string | undefined {
  if (!existsSync(BUILT_PAGE)) return 'out/renderer/index.html is missing';
  if (!existsSync(BUILT_PRELOAD)) return 'out/preload/index.cjs is missing';
  const builtAt = statSync(BUILT_PAGE).mtimeMs;
  for (const folder of RENDERER_SOURCES) {
    const newer = newestFile(path.join(ROOT, folder), builtAt);
    if (newer !== undefined) return `${path.relative(ROOT, newer)} is newer than the build`;
  }
  return undefined;
}

function newestFile(fileOrDir: string, than: number): string | undefined {
  if (statSync(fileOrDir).isFile()) return statSync(fileOrDir).mtimeMs > than ? fileOrDir : undefined;
  const dir = fileOrDir;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || /\.test\.tsx?$/.test(entry.name)) continue;
    const file = path.join(entry.parentPath, entry.name);
    if (statSync(file).mtimeMs > than) return file;
  }
  return undefined;
}
