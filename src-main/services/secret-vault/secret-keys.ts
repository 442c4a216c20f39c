import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { OperonError } from '../../../src-shared/errors/operon-error.ts';
import { writeFileAtomic } from '../atomic-write.ts';
import { KEY_BYTES, keyIdOf, newKey } from './secret-crypto.ts';
import type { KeyWrapper, SecretKeys } from './secret-key-types.ts';
import { WRAPPED_KEY_FILE, keptWrapped, loadWrappedKeys, wrappedKeyFileExists } from './wrapped-key-file.ts';

/** The environment variable that holds the key (64 hex digits, or 32 bytes in base64); it wins over the key file. */
export const KEY_VARIABLE = 'OPERON_SECRET_KEY';
/** With the key in the environment, `operon secrets rotate-key` takes the new one from here. */
export const NEW_KEY_VARIABLE = 'OPERON_SECRET_NEW_KEY';
/** The key file under the data folder, owner-only (0600), created by the first `operon secrets set`. */
export const KEY_FILE = 'secret.key';
export { WRAPPED_KEY_FILE };

const KeyFileSchema = z.object({
  version: z.literal(1),
  current: z.string(),
  /** By key id, base64. More than one only while a rotation is under way (or was cut off): every one still opens. */
  keys: z.record(z.string(), z.base64()),
});
type KeyFile = z.infer<typeof KeyFileSchema>;

export type { KeyWrapper, SecretKeys } from './secret-key-types.ts';
/**
 * Where the secrets key comes from. `OPERON_SECRET_KEY` wins over every source when set (a headless override).
 * - `file` (the default): the owner-only key file {@link KEY_FILE}, made on the first secret stored.
 * - `wrapped`: the key file {@link WRAPPED_KEY_FILE}, each key encrypted by `wrapper`, made on first use. A plain
 *   {@link KEY_FILE} already there (secrets stored with the CLI) is used as it is, so both keep opening them.
 * - `given`: keys another process loaded and handed over in memory (the desktop app's engine process gets them from
 *   the main process, which holds the wrapper); while `keys()` gives none, as `file`.
 */
export type SecretKeySource =
  { kind: 'file' } | { kind: 'wrapped'; wrapper: KeyWrapper } | { kind: 'given'; keys: () => SecretKeys | undefined };

/** The default source: the key file. */
export const FILE_KEY_SOURCE: SecretKeySource = { kind: 'file' };

export function keyFilePath(dataDir: string): string {
  return path.join(dataDir, KEY_FILE);
}

/** Parses a key given as 64 hex digits or as base64 of 32 bytes; OPR-250 naming `where` otherwise. */
export function parseKey(text: string, where: string): Buffer {
  const trimmed = text.trim();
  const key = /^[0-9a-fA-F]{64}$/.test(trimmed) ? Buffer.from(trimmed, 'hex') : Buffer.from(trimmed, 'base64');
  if (key.length !== KEY_BYTES || (!/^[0-9a-fA-F]{64}$/.test(trimmed) && key.toString('base64') !== trimmed))
    throw new OperonError(
      'OPR-250',
      `${where} is not a secrets key: give 32 random bytes as 64 hex digits or base64 (for example the output of "openssl rand -hex 32")`,
      { details: { where } },
    );
  return key;
}

/**
 * The keys for the secrets of a data folder: `OPERON_SECRET_KEY` when set, else those of `options.source` (default the
 * key file). Without any, a new key file is made when `create` (the first secret stored), else undefined (nothing can
 * have been stored). A key file others may read is refused (OPR-251) rather than used; so is making a plain key file
 * where the desktop app keeps its key wrapped (OPR-280: the secrets stored there would no longer open).
 */
export async function loadSecretKeys(
  dataDir: string,
  env: NodeJS.ProcessEnv,
  options: { create: boolean; source?: SecretKeySource },
): Promise<SecretKeys | undefined> {
  const fromEnv = env[KEY_VARIABLE];
  if (fromEnv !== undefined && fromEnv !== '') {
    const key = parseKey(fromEnv, KEY_VARIABLE);
    const byId = new Map([[keyIdOf(key), key]]);
    // During a rotation in the environment both keys open values (see rotate-key.ts).
    const next = env[NEW_KEY_VARIABLE];
    if (next !== undefined && next !== '') {
      const nextKey = parseKey(next, NEW_KEY_VARIABLE);
      byId.set(keyIdOf(nextKey), nextKey);
    }
    return { current: key, byId, source: 'environment' };
  }
  const source = options.source ?? FILE_KEY_SOURCE;
  const given = source.kind === 'given' ? source.keys() : undefined;
  if (given !== undefined) return given;
  const file = keyFilePath(dataDir);
  const stored = await readKeyFile(file);
  if (stored !== undefined) return keysOf(stored, file);
  if (source.kind === 'wrapped') return loadWrappedKeys(dataDir, source.wrapper, options.create);
  if (await wrappedKeyFileExists(dataDir)) throw keptWrapped(dataDir);
  if (!options.create) return undefined;
  const key = newKey();
  const created: KeyFile = { version: 1, current: keyIdOf(key), keys: { [keyIdOf(key)]: key.toString('base64') } };
  await writeKeyFile(file, created);
  return keysOf(created, file);
}

/** Writes a key file (owner-only, atomically). */
export async function writeKeyFile(file: string, content: KeyFile): Promise<void> {
  await writeFileAtomic(file, `${JSON.stringify(content, null, 2)}\n`, { mode: 0o600, fsync: true });
}

export async function readKeyFile(file: string): Promise<KeyFile | undefined> {
  let info;
  try {
    info = await stat(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  if (!info.isFile()) throw new OperonError('OPR-251', `the secrets key ${file} is not a file`, { details: { file } });
  if (process.platform !== 'win32' && (info.mode & 0o077) !== 0)
    throw new OperonError(
      'OPR-251',
      `the secrets key ${file} can be read by other users (mode ${(info.mode & 0o777).toString(8)}): run "chmod 600 ${file}"; it is not used until then`,
      { details: { file, mode: info.mode & 0o777 } },
    );
  const parsed = KeyFileSchema.safeParse(safeJson(await readFile(file, 'utf8')));
  if (!parsed.success || parsed.data.keys[parsed.data.current] === undefined)
    throw new OperonError('OPR-251', `the secrets key ${file} is damaged: restore it from a backup (the stored secrets need it)`, {
      details: { file },
    });
  return parsed.data;
}

function keysOf(content: KeyFile, file: string): SecretKeys {
  const byId = new Map(Object.entries(content.keys).map(([id, text]) => [id, Buffer.from(text, 'base64')] as const));
  const current = byId.get(content.current);
  if (current === undefined) throw new OperonError('OPR-251', `the secrets key ${file} is damaged`, { details: { file } });
  return { current, byId, source: 'file', file };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
