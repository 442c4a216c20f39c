import { _electron as electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { workspacePaths } from '../src-main/services/data-dir.ts';
import { listRuns } from '../src-main/services/run-log/run-reader.ts';
import { electronBinary } from '../scripts/electron-binary.ts';
import { drawRunInspect } from './fixtures/draw-run-inspect.ts';
import { Editor } from './fixtures/editor.ts';
import { ROOT } from './fixtures/serve.ts';

// The desktop app itself: the Electron shell (out/main/index.js), its engine in a utility process, the built renderer
// in a sandboxed window. Needs the Electron binary and a display; where either is missing every test here is skipped
// and says why in the run's output (it never passes without running).

const binary = electronBinary(ROOT);
const noDisplay = process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY;

/** Why the desktop e2e cannot run on this machine, or undefined when it can. */
const skipReason =
  binary === undefined
    ? 'Electron binary not installed: skipping the desktop e2e'
    : noDisplay
      ? 'No display (DISPLAY unset): skipping the desktop e2e; run it under xvfb-run'
      : undefined;

/** Skips the test when the app cannot run here, said plainly in the run's output too, not only as the skip annotation. */
function skipUnlessRunnable(): void {
  if (skipReason === undefined) return;
  console.log(`${test.info().title}: ${skipReason}`);
  test.skip(true, skipReason);
}

/** The app launched on a fresh data folder (OPERON_HOME), its first window, and how to close both. */
async function launch(): Promise<{ app: ElectronApplication; page: Page; home: string; close: () => Promise<void> }> {
  const home = await mkdtemp(path.join(tmpdir(), 'operon-e2e-electron-'));
  const app = await electron.launch({
    ...(binary === undefined ? {} : { executablePath: binary }),
    args: [path.join(ROOT, 'out/main/index.js'), '--no-sandbox', '--disable-gpu'],
    cwd: ROOT,
    env: { ...process.env, OPERON_HOME: home, ELECTRON_DISABLE_SECURITY_WARNINGS: '1' },
  });
  const page = await app.firstWindow();
  return {
    app,
    page,
    home,
    close: async () => {
      await app.close();
      await rm(home, { recursive: true, force: true });
    },
  };
}

test.describe('desktop app (Electron)', () => {
  test('the window opens on the built renderer with the sandboxed preload bridge', async () => {
    skipUnlessRunnable();
    const { page, close } = await launch();
    try {
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
      await close();
    }
  });

  test('draws, runs and inspects a workflow in the app, its engine in the utility process', async () => {
    skipUnlessRunnable();
    const { page, home, close } = await launch();
    try {
      await page.setViewportSize({ width: 1440, height: 900 });
      // The editor driver of the browser tests; the app's window is already on the editor.
      const origin = new URL(page.url()).origin;
      const editor = new Editor(page, {
        url: page.url(),
        origin,
        port: 0,
        token: '',
        dataDir: home,
        output: () => '',
        stop: () => Promise.resolve(),
      });
      await drawRunInspect(editor);

      // The engine process stored the workflow and its run in OPERON_HOME.
      const paths = workspacePaths(home, 'default');
      expect((await readdir(paths.workflows)).filter((name) => name.endsWith('.operon.json'))).toHaveLength(1);
      const runs = await listRuns(paths.runs);
      expect(runs.map((run) => (run.kind === 'run' ? run.status : run.kind))).toEqual(['succeeded']);
      expect(editor.errors).toEqual([]);
    } finally {
      await close();
    }
  });
});
