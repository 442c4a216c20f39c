import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import {
  ProviderKeyNameSchema,
  type DesktopCallOutput,
  type DesktopCalls,
  type KeyStorageSchema,
} from '../../src-shared/api/desktop-contract.ts';
import { API_ERROR_CODES, ApiError } from '../../src-shared/api/errors.ts';
import { formatPath } from '../../src-shared/workflow/problem-path.ts';
import type { EngineEnvChange } from '../engine-process/control.ts';
import { writeFileAtomic } from '../services/atomic-write.ts';
import type { DesktopCallImpls } from './ipc-router.ts';

/** The part of Electron's `safeStorage` used (main process, after the app is ready). */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  /** Linux only: `basic_text`, `gnome_libsecret`, `kwallet`, `kwallet5`, `kwallet6` or `unknown`. */
  getSelectedStorageBackend?(): string;
}

/** Where the keys are kept, under the data folder (OPERON_HOME, else ~/.operon). */
export const PROVIDER_KEYS_FILE = path.join('desktop', 'provider-keys.json');

const ProviderKeysFileSchema = z
  .object({
    version: z.literal(1),
    /** Each key's value encrypted by safeStorage, in base64; never the value itself. */
    keys: z.record(ProviderKeyNameSchema, z.object({ encrypted: z.base64().min(1), updatedAt: z.iso.datetime() }).strict()),
  })
  .strict();
type StoredKeys = z.infer<typeof ProviderKeysFileSchema>['keys'];
type KeyStorage = z.infer<typeof KeyStorageSchema>;

const USE_ENV =
  'Set the key as an environment variable (such as OPENAI_API_KEY) before starting Operon instead: environment variables keep working.';
const NO_KEYCHAIN = `Operon cannot store keys on this system: there is no OS keychain for Electron's safeStorage to encrypt them with. ${USE_ENV}`;
const BASIC_TEXT =
  "Operon does not store keys on this system: no secret service (GNOME Keyring or KWallet) is running, so Electron's safeStorage " +
  `would use its basic_text backend, whose fixed password lets anyone who can read the file read the keys. Start a keyring and restart Operon, or set the key as an environment variable (such as OPENAI_API_KEY) before starting Operon: environment variables keep working.`;
const UNKNOWN_BACKEND = `Operon does not store keys on this system: Electron could not tell which keychain safeStorage would use. ${USE_ENV}`;

/** Whether `safeStorage` can keep keys safely here, and why not when it cannot (no keychain, Linux's `basic_text`). */
export function keyStorage(safeStorage: SafeStorageLike): KeyStorage {
  if (!safeStorage.isEncryptionAvailable()) return { available: false, reason: NO_KEYCHAIN };
  const backend = safeStorage.getSelectedStorageBackend?.();
  if (backend === 'basic_text') return { available: false, reason: BASIC_TEXT };
  if (backend === 'unknown') return { available: false, reason: UNKNOWN_BACKEND };
  return { available: true };
}

export interface ProviderKeyStoreOptions {
  /** The data folder: the keys are kept in {@link PROVIDER_KEYS_FILE} under it. */
  dataDir: string;
  safeStorage: SafeStorageLike;
  /** A key was stored or removed: the engine process is told (engine-host.ts `changeEnvironment`). */
  onChange(change: EngineEnvChange): void;
  /** Problems no caller sees (a key that no longer decrypts); never a value. */
  log(message: string): void;
  now?: () => Date;
}

type ProviderKeyCallName = 'desktop.providerKeys.list' | 'desktop.providerKeys.set' | 'desktop.providerKeys.remove';
/** The provider key calls of {@link DesktopCallImpls}; they do not need to know which window asked. */
type ProviderKeyCalls = {
  [N in ProviderKeyCallName]: (input: z.output<DesktopCalls[N]['input']>) => Promise<DesktopCallOutput<N>>;
} & Pick<DesktopCallImpls, ProviderKeyCallName>;

/** The desktop app's provider keys, encrypted with the OS keychain. */
export interface ProviderKeyStore {
  /** The desktop calls on the keys (desktop-contract.ts): names and dates out, values only in. */
  calls: ProviderKeyCalls;
  /** Every stored key decrypted, by name: what the engine process is given when it starts. */
  environment(): Record<string, string>;
}

/**
 * Opens the provider keys kept in `<dataDir>/desktop/provider-keys.json`: each value encrypted with Electron's
 * `safeStorage` (the OS keychain: Keychain on macOS, DPAPI on Windows, libsecret or KWallet on Linux), in base64, the
 * file readable by its owner only and written atomically. Where safeStorage has no keychain, or Linux reports its
 * `basic_text` backend, storing a key is refused with OPR-165 saying why (environment variables still work), and
 * `list` reports the reason. Values are never logged, listed or returned. A file that is not JSON or not a key file
 * is reported (naming it) by `list` and every change, and never overwritten, until someone fixes or deletes it.
 */
export async function openProviderKeyStore(options: ProviderKeyStoreOptions): Promise<ProviderKeyStore> {
  const file = path.join(options.dataDir, PROVIDER_KEYS_FILE);
  const now = options.now ?? (() => new Date());
  let state = await loadKeys(file);
  let queue: Promise<unknown> = Promise.resolve();
  /** Changes one at a time, each on the keys the one before left. */
  const serial = <T>(task: () => Promise<T>): Promise<T> => {
    const run = queue.then(task);
    queue = run.catch(() => undefined);
    return run;
  };
  /** The stored keys; a broken file is read again each time, so fixing or deleting it needs no restart. */
  const current = async (): Promise<LoadedKeys> => {
    if ('broken' in state) state = await loadKeys(file);
    return state;
  };
  const writable = async (): Promise<StoredKeys> => {
    const loaded = await current();
    if ('broken' in loaded) throw new ApiError(API_ERROR_CODES.internal, loaded.broken);
    return loaded.keys;
  };
  const save = async (keys: StoredKeys): Promise<void> => {
    await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
    await writeFileAtomic(file, `${JSON.stringify({ version: 1, keys }, null, 2)}\n`, { mode: 0o600 });
    state = { keys };
  };

  return {
    calls: {
      async 'desktop.providerKeys.list'() {
        const loaded = await current();
        if ('broken' in loaded) return { storage: { available: false, reason: loaded.broken }, keys: [] };
        const keys = Object.entries(loaded.keys)
          .map(([name, entry]) => ({ name, updatedAt: entry.updatedAt }))
          .sort((a, b) => a.name.localeCompare(b.name));
        return { storage: keyStorage(options.safeStorage), keys };
      },
      'desktop.providerKeys.set': ({ name, value }) =>
        serial(async () => {
          const storage = keyStorage(options.safeStorage);
          if (!storage.available) throw new ApiError(API_ERROR_CODES.keyStorageUnavailable, storage.reason);
          const keys = await writable();
          const encrypted = options.safeStorage.encryptString(value);
          // A keychain that hands back the value itself stores nothing safely.
          if (encrypted.includes(Buffer.from(value, 'utf8')))
            throw new ApiError(API_ERROR_CODES.keyStorageUnavailable, `${NO_KEYCHAIN} (safeStorage returned the key unencrypted)`);
          const updatedAt = now().toISOString();
          await save({ ...keys, [name]: { encrypted: encrypted.toString('base64'), updatedAt } });
          options.onChange({ set: { [name]: value }, unset: [] });
          return { name, updatedAt };
        }),
      'desktop.providerKeys.remove': ({ name }) =>
        serial(async () => {
          const keys = await writable();
          if (!Object.hasOwn(keys, name)) return { removed: false };
          const { [name]: _removed, ...rest } = keys;
          await save(rest);
          options.onChange({ set: {}, unset: [name] });
          return { removed: true };
        }),
    },
    environment() {
      if ('broken' in state) {
        options.log(state.broken);
        return {};
      }
      if (!options.safeStorage.isEncryptionAvailable()) {
        if (Object.keys(state.keys).length > 0) options.log(`the stored provider keys are not used: ${NO_KEYCHAIN}`);
        return {};
      }
      const values: Record<string, string> = {};
      for (const [name, entry] of Object.entries(state.keys)) {
        try {
          values[name] = options.safeStorage.decryptString(Buffer.from(entry.encrypted, 'base64'));
        } catch {
          options.log(`the stored provider key ${name} could not be decrypted (was the keychain reset?): store it again`);
        }
      }
      return values;
    },
  };
}

type LoadedKeys = { keys: StoredKeys } | { broken: string };

/** The file's keys, none when it does not exist, or why it cannot be used (naming the file, never quoting it). */
async function loadKeys(file: string): Promise<LoadedKeys> {
  const keep = 'Operon leaves it as it is: fix it or delete it to store keys in the app again.';
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { keys: {} };
    return { broken: `The provider key file ${file} could not be read (${(error as Error).message}). ${keep}` };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { broken: `The provider key file ${file} is not valid JSON. ${keep}` };
  }
  const parsed = ProviderKeysFileSchema.safeParse(value);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${formatPath(issue.path) || '(top level)'}: ${issue.message}`);
    return { broken: `The provider key file ${file} is not one Operon can read (${problems.join('; ')}). ${keep}` };
  }
  return { keys: parsed.data.keys };
}
