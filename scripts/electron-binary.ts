import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The Electron binary that `npm install` put in node_modules/electron, found without `require('electron')` (which
 * tries to download it when it is missing). Undefined when it is not installed, as on machines that cannot reach
 * the place Electron downloads it from.
 */
export function electronBinary(root: string): string | undefined {
  const pkg = path.join(root, 'node_modules/electron');
  const pathFile = path.join(pkg, 'path.txt');
  if (!existsSync(pathFile)) return undefined;
  const relative = readFileSync(pathFile, 'utf8').trim();
  const dist = process.env.ELECTRON_OVERRIDE_DIST_PATH ?? path.join(pkg, 'dist');
  const binary = path.join(dist, relative);
  return existsSync(binary) ? binary : undefined;
}
