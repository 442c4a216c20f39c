import { defineConfig } from '@playwright/test';
import path from 'node:path';
import { TEST_TIMEOUT_MS } from '../src-main/services/testing/waiting.ts';

/**
 * Playwright end-to-end tests of the editor as `operon serve` serves it, in Debian's Chromium (Playwright cannot
 * download its own browsers here; see e2e/README.md). Run: `npm run test:e2e`.
 */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

const executablePath = process.env.OPERON_E2E_CHROMIUM ?? '/usr/bin/chromium';
const artifacts = path.join(import.meta.dirname, 'artifacts');

export default defineConfig({
  testDir: import.meta.dirname,
  testMatch: '**/*.e2e.ts',
  globalSetup: './global-setup.ts',
  outputDir: path.join(artifacts, 'test-results'),
  // Two cores: one browser and one server at a time.
  workers: 1,
  fullyParallel: false,
  forbidOnly: process.env.CI !== undefined && process.env.CI !== '',
  retries: 0,
  // Generous, like vitest's (src-main/services/testing/waiting.ts): a timeout ends a hung test, it never judges a slow
  // machine. A wait for a run or a process uses EVENT_WAIT_MS; a wait for the page to react, the expect timeout.
  timeout: TEST_TIMEOUT_MS,
  expect: { timeout: 20_000 },
  reporter: [['list'], ['html', { outputFolder: path.join(artifacts, 'report'), open: 'never' }]],
  use: {
    browserName: 'chromium',
    viewport: { width: 1440, height: 900 },
    acceptDownloads: true,
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: { executablePath, args: CHROMIUM_ARGS },
  },
});
