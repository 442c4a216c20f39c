// The engine process of the desktop app: the entry Electron's `utilityProcess.fork` starts (built to
// out/main/engine-process.js). It serves the API on the data folder, as `operon serve` does, over the MessagePorts the
// main process sends it (one per window). It imports nothing of Electron: `process.parentPort` is the only thing it
// takes from it, and a test can give it one.
import { homedir } from 'node:os';
import { createApiHandlers } from '../host/api/api-handlers.ts';
import { OperonError } from '../../src-shared/errors/operon-error.ts';
import { resolveDataDir } from '../services/data-dir.ts';
import { checkDataDir } from '../services/data-dir-check.ts';
import { serveEngineProcess, type ParentPortLike } from './engine-process.ts';
import { createGivenSecretKeys } from './given-secret-keys.ts';

const parentPort = (process as { parentPort?: ParentPortLike }).parentPort;
if (parentPort === undefined) {
  process.stderr.write('operon engine process: start it with Electron utilityProcess.fork (it has no parent port)\n');
  process.exit(2);
} else {
  const onUnexpected = (error: unknown): void => {
    process.stderr.write(`operon engine process: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  };
  // OPERON_HOME, else ~/.operon: the same data folder as `operon serve` without --data-dir.
  const dataDir = resolveDataDir({ env: process.env, home: homedir() });
  // A data folder that is not a normal writable folder: one line and exit 2 before anything is served.
  checkDataDir(dataDir).catch((error: unknown) => {
    process.stderr.write(`operon engine process: ${error instanceof OperonError ? `${error.code} ${error.message}` : String(error)}\n`);
    process.exit(2);
  });
  // The secrets keys the main process opened with the OS keychain arrive in a `secretKeys` message, before any window.
  const secretKeys = createGivenSecretKeys();
  serveEngineProcess({
    parentPort,
    handlers: createApiHandlers({ dataDir, env: process.env, onUnexpected, secretKeys: secretKeys.source }),
    onSecretKeys: (keys) => secretKeys.accept(keys),
    // The provider keys stored in the desktop app arrive in `env` messages and are set here, where the hosts read them.
    env: process.env,
    onUnexpected,
    exit: (code) => process.exit(code),
  });
}
