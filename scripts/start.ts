// `npm start`: opens the desktop app; where the Electron binary is missing, says so in one line and starts the
// editor in the browser (`operon serve`) instead, so the start command always does something useful.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { electronBinary } from './electron-binary.ts';

const root = path.resolve(import.meta.dirname, '..');
const bin = (name: string) => path.join(root, 'node_modules/.bin', name);

/** Runs a command with this terminal, and resolves with its exit code (a signal counts as 1). */
function run(command: string, args: string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: root, stdio: 'inherit' });
    child.once('error', reject);
    child.once('exit', (code) => resolve(code ?? 1));
    // Ctrl-C reaches the child through the terminal; this process waits for it to finish.
    process.once('SIGINT', () => undefined);
    process.once('SIGTERM', () => child.kill('SIGTERM'));
  });
}

const build = await run(bin('electron-vite'), ['build']);
if (build !== 0) process.exit(build);

if (electronBinary(root) !== undefined) {
  process.exit(await run(bin('electron-vite'), ['preview']));
}
console.log('The Electron binary is not installed here: starting the editor in the browser with `operon serve` instead.');
process.exit(await run(process.execPath, [path.join(root, 'bin/operon.js'), 'serve', ...process.argv.slice(2)]));
