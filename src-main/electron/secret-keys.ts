import type { EngineSecretKeys } from '../engine-process/control.ts';
import { loadSecretKeys, type KeyWrapper } from '../services/secret-vault/secret-keys.ts';
import { keyStorage, type SafeStorageLike } from './provider-keys.ts';

/** A {@link KeyWrapper} on Electron's safeStorage: the key is encrypted by the OS keychain (as text: its base64). */
export function safeStorageKeyWrapper(safeStorage: SafeStorageLike): KeyWrapper {
  return {
    wrap: (key) => safeStorage.encryptString(key.toString('base64')),
    unwrap: (wrapped) => Buffer.from(safeStorage.decryptString(wrapped), 'base64'),
  };
}

/**
 * The secrets keys the desktop app hands its engine process (engine-host.ts `secretKeys`): the data folder's plain key
 * file when the CLI already made one (both keep opening the same secrets), else the key file wrapped by safeStorage,
 * made on the first start. Undefined, and the engine keeps to its own sources, when OPERON_SECRET_KEY is set (it wins
 * there too), when safeStorage cannot keep a key safely here (no keychain, Linux's basic_text), or when the wrapped
 * key does not open (OPR-281): each said in `log`.
 */
export async function loadDesktopSecretKeys(options: {
  dataDir: string;
  env: NodeJS.ProcessEnv;
  safeStorage: SafeStorageLike;
  log: (message: string) => void;
}): Promise<EngineSecretKeys | undefined> {
  if ((options.env.OPERON_SECRET_KEY ?? '') !== '') return undefined;
  const storage = keyStorage(options.safeStorage);
  if (!storage.available) {
    options.log(`the secrets key stays in the data folder's owner-only key file: ${storage.reason}`);
    return undefined;
  }
  const source = { kind: 'wrapped', wrapper: safeStorageKeyWrapper(options.safeStorage) } as const;
  let keys;
  try {
    keys = await loadSecretKeys(options.dataDir, {}, { create: true, source });
  } catch (error) {
    // The app still starts: the engine then refuses to use secrets (OPR-280) rather than make a key of its own.
    options.log(`the stored secrets cannot be used: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  }
  if (keys === undefined) return undefined;
  const current = [...keys.byId].find(([, key]) => key.equals(keys.current))?.[0] ?? '';
  return { current, keys: Object.fromEntries([...keys.byId].map(([id, key]) => [id, key.toString('base64')])) };
}
