import { _electron as electron, expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { electronBinary } from '../scripts/electron-binary.ts';
import { ROOT } from './fixtures/serve.ts';

const binary = electronBinary(ROOT);
const noDisplay = process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY;

/** Why the desktop e2e cannot run on this machine, or undefined when it can. */
const skipReason =
  binary === undefined
    ? 'Electron binary not installed: skipping the desktop e2e'
    : noDisplay
      ? 'No display (DISPLAY unset): skipping the desktop e2e; run it under xvfb-run'
      : undefined;

test.describe('desktop app (Electron)', () => {
  test('the window opens on the built renderer with the sandboxed preload bridge', async () => {
    if (skipReason !== undefined) {
      // Said plainly in the run's output too, not only as the skip annotation.
      console.log(skipReason);
      test.skip(true, skipReason);
    }
    const home = await mkdtemp(path.join(tmpdir(), 'operon-e2e-electron-'));
    const app = await electron.launch({
      ...(binary === undefined ? {} : { executablePath: binary }),
      args: [path.join(ROOT, 'out/main/index.js'), '--no-sandbox', '--disable-gpu'],
      cwd: ROOT,
      env: { ...process.env, OPERON_HOME: home, ELECTRON_DISABLE_SECURITY_WARNINGS: '1' },
    });
    try {
      const page = await app.firstWindow();
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      await expect(page).toHaveTitle('Operon');
      await expect(page.locator('#root')).not.toBeEmpty();
      const { version } = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
      expect(await page.evaluate(() => (globalThis as { operon?: { version?: string } }).operon?.version)).toBe(version);
      // The renderer runs sandboxed: no Node in the page.
      expect(await page.evaluate(() => typeof (globalThis as { process?: unknown }).process)).toBe('undefined');
      expect(errors).toEqual([]);
    } finally {
      await app.close();
      await rm(home, { recursive: true, force: true });
    }
  });
});
