/**
 * Regenerates the README's screenshots: runs the ticket-triage acceptance test (e2e/triage-from-scratch.e2e.ts), which
 * writes them to e2e/artifacts/readme/, and copies them to docs/images/ (checked in). `npm run screenshots`.
 */
import { spawnSync } from 'node:child_process';
import { copyFile, mkdir, readdir } from 'node:fs/promises';
import path from 'node:path';

const root = path.join(import.meta.dirname, '..');
const from = path.join(root, 'e2e/artifacts/readme');
const to = path.join(root, 'docs/images');

const test = spawnSync('npx', ['playwright', 'test', '-c', 'e2e/playwright.config.ts', 'e2e/triage-from-scratch.e2e.ts'], {
  cwd: root,
  stdio: 'inherit',
});
if (test.status !== 0) {
  console.error('The acceptance test failed: docs/images/ is left as it was.');
  process.exit(test.status ?? 1);
}
await mkdir(to, { recursive: true });
const images = (await readdir(from)).filter((name) => name.endsWith('.png'));
for (const image of images) await copyFile(path.join(from, image), path.join(to, image));
console.log(`Copied ${images.length} screenshots to docs/images/: ${images.join(', ')}`);
