import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { OperonError } from '../../../src-shared/errors/operon-error.ts';
import { writeFileAtomic } from '../atomic-write.ts';
import { KEY_BYTES, keyIdOf, newKey } from './secret-crypto.ts';
import type { KeyWrapper, SecretKeys } from './secret-key-types.ts';

/**
 * The desktop app's secrets key file under the data folder: the key encrypted by the OS keychain (safeStorage), so the
 * file alone opens nothing. Owner-only (0600) all the same.
 */
export const WRAPPED_KEY_FILE = 'secret.key.wrapped';

const WrappedKeyFileSchema = z.object({
  version: z.literal(1),
  current: z.string().regex(/^[0-9a-f]{16}$/),
  /** By key id: the key as the wrapper encrypted it, in base64. */
  wrapped: z.record(z.string().regex(/^[0-9a-f]{16}$/), z.base64().min(1)),
});
type WrappedKeyFile = z.infer<typeof WrappedKeyFileSchema>;

export function wrappedKeyFilePath(dataDir: string): string {
  return path.join(dataDir, WRAPPED_KEY_FILE);
}

export async function wrappedKeyFileExists(dataDir: string): Promise<boolean> {
  return stat(wrappedKeyFilePath(dataDir)).then(
    () => true,
    (error: NodeJS.ErrnoException) => (error.code === 'ENOENT' ? false : Promise.reject(error)),
  );
}

/** OPR-280: the key is kept wrapped by the desktop app, and this process has no way to open it. */
export function keptWrapped(dataDir: string): OperonError {
  const file = wrappedKeyFilePath(dataDir);
  return new OperonError(
    'OPR-280',
    `the secrets key of ${dataDir} is kept by the desktop app, encrypted with the OS keychain (${file}): use the desktop app, or give this process the key in OPERON_SECRET_KEY`,
    { details: { file } },
  );
}

/**
 * The keys of the wrapped key file, opened with `wrapper`; made with a new key when there is none and `create`. A key
 * the wrapper cannot open, or that opens to something else than the key it names, is OPR-281 (never replaced: the
 * secrets sealed with it would be lost).
 */
export async function loadWrappedKeys(dataDir: string, wrapper: KeyWrapper, create: boolean): Promise<SecretKeys | undefined> {
  const file = wrappedKeyFilePath(dataDir);
  const stored = await readWrapped(file);
  if (stored === undefined) {
    if (!create) return undefined;
    const key = newKey();
    const id = keyIdOf(key);
    const made: WrappedKeyFile = { version: 1, current: id, wrapped: { [id]: wrapper.wrap(key).toString('base64') } };
    await writeFileAtomic(file, `${JSON.stringify(made, null, 2)}\n`, { mode: 0o600, fsync: true });
    return { current: key, byId: new Map([[id, key]]), source: 'wrapped', file };
  }
  const byId = new Map<string, Buffer>();
  for (const [id, wrapped] of Object.entries(stored.wrapped)) {
    let key: Buffer;
    try {
      key = wrapper.unwrap(Buffer.from(wrapped, 'base64'));
    } catch {
      throw unopened(file, 'the OS keychain did not open it (was the data folder copied from another user or machine?)');
    }
    if (key.length !== KEY_BYTES || keyIdOf(key) !== id) throw unopened(file, 'it opens to a different key than the one it names');
    byId.set(id, key);
  }
  const current = byId.get(stored.current);
  if (current === undefined) throw unopened(file, 'it does not hold the key it names as current');
  return { current, byId, source: 'wrapped', file };
}

async function readWrapped(file: string): Promise<WrappedKeyFile | undefined> {
  let text: string;
  try {
    const info = await stat(file);
    if (process.platform !== 'win32' && (info.mode & 0o077) !== 0)
      throw new OperonError(
        'OPR-251',
        `the secrets key ${file} can be read by other users: run "chmod 600 ${file}"; it is not used until then`,
        {
          details: { file },
        },
      );
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  const parsed = WrappedKeyFileSchema.safeParse(json);
  if (!parsed.success) throw unopened(file, 'it is damaged');
  return parsed.data;
}

function unopened(file: string, why: string): OperonError {
  return new OperonError(
    'OPR-281',
    `the secrets key ${file} cannot be opened: ${why}. Restore the data folder's backup on this user account, or store the secrets again`,
    { details: { file } },
  );
}
