import { readFileSync } from 'node:fs';
import path from 'node:path';

/** The `name` in Operon's own package.json, which marks the package's root folder. */
const PACKAGE_NAME = 'operon';

let root: string | undefined;

/**
 * The folder of Operon's package.json: the repository in a development checkout, the installed package's folder
 * (`…/node_modules/operon`) under npm, `app.asar` in the desktop app. Found by walking up from this module, since a
 * bundler moves modules (`out/cli/main.js`, `out/cli/chunks/…`, `out/main/engine-process.js`) to other depths than
 * their sources: a path written relative to a source file would break in one of them. What the package ships
 * (resources/, the built editor in out/renderer/) is found from here.
 */
export function packageRoot(): string {
  root ??= findPackageRoot(import.meta.dirname);
  return root;
}

/** A file or folder the package ships, e.g. `resources/prices.json`. */
export function packagePath(...segments: string[]): string {
  return path.join(packageRoot(), ...segments);
}

function findPackageRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (isOperonPackage(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`no package.json named "${PACKAGE_NAME}" above ${from}: is Operon installed whole?`);
  }
}

function isOperonPackage(file: string): boolean {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return false;
  }
  try {
    return (JSON.parse(text) as { name?: unknown }).name === PACKAGE_NAME;
  } catch {
    return false;
  }
}
