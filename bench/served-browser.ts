import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { ROOT, startServe, type ServedOperon } from '../e2e/fixtures/serve.ts';
import { CHROMIUM_ARGS } from '../e2e/playwright.config.ts';

/**
 * What the browser benches share: build the renderer when `out/` has none (or when `build` is asked), start `operon
 * serve` over a temporary data folder (the e2e fixture) and headless Debian Chromium with the e2e flags, run `body`,
 * and on failure print the error with what the server wrote and set a failing exit code. Both are stopped at the end.
 */
export async function withServedBrowser(
  name: string,
  build: boolean,
  body: (served: ServedOperon, browser: Browser) => Promise<void>,
): Promise<void> {
  ensureBuilt(name, build);
  const served = await startServe();
  let browser: Browser | undefined;
  try {
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
    await body(served, browser);
  } catch (error) {
    console.error(`${name} failed: ${error instanceof Error ? error.message : String(error)}`);
    console.error(`operon serve wrote:\n${served.output()}`);
    process.exitCode = 1;
  } finally {
    await browser?.close();
    await served.stop();
  }
}

function ensureBuilt(name: string, build: boolean): void {
  if (!build && existsSync(path.join(ROOT, 'out/renderer/index.html'))) return;
  console.log(`${name}: building the renderer (${build ? '--build' : 'out/renderer/index.html is missing'})…`);
  const result = spawnSync(path.join(ROOT, 'node_modules/.bin/electron-vite'), ['build'], { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`\`electron-vite build\` failed (exit ${result.status ?? result.signal})`);
}
