import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { OperonError } from '../../../src-shared/errors/operon-error.ts';
import { writeFileAtomic } from '../atomic-write.ts';
import { readCheckedJson } from '../checked-json-file.ts';
import { SealedSchema, seal, unseal } from './secret-crypto.ts';
import { loadSecretKeys, type SecretKeySource, type SecretKeys } from './secret-keys.ts';

/** A workspace's stored secrets: `<workspace>/secrets.json`, each value sealed with AES-256-GCM. */
export const SECRETS_FILE = 'secrets.json';

/** Secret names: letters, digits and `_`, starting with a letter, at most 64; stored upper-case (`$secret` ignores case). */
export const SECRET_NAME_PATTERN = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;
/** Names that are not secrets: `OPERON_SECRET_KEY` is the key itself, and a workflow must never read it. */
export const RESERVED_SECRET_NAMES: ReadonlySet<string> = new Set(['KEY', 'NEW_KEY']);
const MAX_VALUE_BYTES = 64 * 1024;

const EntrySchema = SealedSchema.extend({ createdAt: z.number(), updatedAt: z.number() });
const VaultFileSchema = z.object({ version: z.literal(1), secrets: z.record(z.string(), EntrySchema) });
type VaultFile = z.infer<typeof VaultFileSchema>;

/** What `operon secrets list` shows: never a value. */
export interface SecretInfo {
  name: string;
  createdAt: number;
  updatedAt: number;
}

export interface SecretVault {
  list(): Promise<SecretInfo[]>;
  /** Stores a value (sealed); says whether the name was new. */
  set(name: string, value: string): Promise<'created' | 'changed'>;
  /** Removes a secret; false when there was none. */
  remove(name: string): Promise<boolean>;
  /** Every stored value, opened, by name: what the host's secret service serves and redacts. */
  readAll(): Promise<Map<string, string>>;
}

/** Checks a name (OPR-252) and gives the form it is stored under. */
export function normaliseSecretName(name: string): string {
  if (!SECRET_NAME_PATTERN.test(name))
    throw new OperonError('OPR-252', `invalid secret name ${JSON.stringify(name)}: use letters, digits and "_", starting with a letter`, {
      details: { name },
    });
  const upper = name.toUpperCase();
  if (RESERVED_SECRET_NAMES.has(upper))
    throw new OperonError('OPR-252', `${upper} is not a secret name Operon lets you use: OPERON_SECRET_${upper} holds the secrets key`, {
      details: { name },
    });
  return upper;
}

/** The workspace's vault. Keys are loaded on first use (created by the first `set` when there are none). */
export function createSecretVault(options: {
  dataDir: string;
  workspace: string;
  workspaceRoot: string;
  env: NodeJS.ProcessEnv;
  /** Where the key comes from when OPERON_SECRET_KEY is not set (default the key file). */
  keySource?: SecretKeySource;
}): SecretVault {
  const file = path.join(options.workspaceRoot, SECRETS_FILE);
  const context = (name: string): string => `operon-secret:v1:${options.workspace}:${name}`;
  const keys = (create: boolean): Promise<SecretKeys | undefined> =>
    loadSecretKeys(options.dataDir, options.env, {
      create,
      ...(options.keySource === undefined ? {} : { source: options.keySource }),
    });
  const open = (content: VaultFile, found: SecretKeys, name: string): string => {
    const entry = content.secrets[name];
    const key = entry === undefined ? undefined : found.byId.get(entry.keyId);
    if (entry === undefined || key === undefined)
      throw new OperonError(
        'OPR-253',
        `secret ${name} in ${file} was sealed with a key this Operon does not have (${found.source === 'environment' ? 'OPERON_SECRET_KEY' : (found.file ?? 'the key file')}): set the key it was stored with`,
        { details: { file, name } },
      );
    try {
      return unseal(key, entry, context(name));
    } catch {
      throw new OperonError('OPR-253', `secret ${name} in ${file} does not open: the file was changed or copied from elsewhere`, {
        details: { file, name },
      });
    }
  };

  return {
    async list() {
      const content = await readVault(file);
      return Object.entries(content.secrets)
        .map(([name, entry]) => ({ name, createdAt: entry.createdAt, updatedAt: entry.updatedAt }))
        .sort((a, b) => a.name.localeCompare(b.name));
    },
    async set(name, value) {
      const stored = normaliseSecretName(name);
      if (value === '' || Buffer.byteLength(value) > MAX_VALUE_BYTES)
        throw new OperonError('OPR-252', `the value of ${stored} must be 1 byte to 64 KiB long`, { details: { name: stored } });
      const found = await keys(true);
      if (found === undefined) throw new Error('unreachable: keys are created');
      const content = await readVault(file);
      const now = Date.now();
      const before = content.secrets[stored];
      content.secrets[stored] = { ...seal(found.current, value, context(stored)), createdAt: before?.createdAt ?? now, updatedAt: now };
      await writeVault(file, content);
      return before === undefined ? 'created' : 'changed';
    },
    async remove(name) {
      const stored = normaliseSecretName(name);
      const content = await readVault(file);
      if (content.secrets[stored] === undefined) return false;
      delete content.secrets[stored];
      await writeVault(file, content);
      return true;
    },
    async readAll() {
      const content = await readVault(file);
      const names = Object.keys(content.secrets);
      if (names.length === 0) return new Map();
      const found = await keys(false);
      if (found === undefined)
        throw new OperonError(
          'OPR-253',
          `${file} holds ${names.length} stored ${names.length === 1 ? 'secret' : 'secrets'} but there is no key: set OPERON_SECRET_KEY or restore ${path.join(options.dataDir, 'secret.key')}`,
          { details: { file } },
        );
      return new Map(names.map((name) => [name, open(content, found, name)]));
    },
  };
}

/** Re-seals every value of a vault file with `keys.current` (a key rotation); returns how many values. */
export async function resealVault(file: string, workspace: string, from: SecretKeys, to: Buffer): Promise<number> {
  const content = await readVault(file);
  for (const [name, entry] of Object.entries(content.secrets)) {
    const key = from.byId.get(entry.keyId);
    if (key === undefined)
      throw new OperonError('OPR-253', `secret ${name} in ${file} was sealed with a key that is missing`, { details: { file, name } });
    const context = `operon-secret:v1:${workspace}:${name}`;
    content.secrets[name] = { ...seal(to, unseal(key, entry, context), context), createdAt: entry.createdAt, updatedAt: entry.updatedAt };
  }
  if (Object.keys(content.secrets).length > 0) await writeVault(file, content);
  return Object.keys(content.secrets).length;
}

function readVault(file: string): Promise<VaultFile> {
  return readCheckedJson(file, VaultFileSchema, {
    missing: () => ({ version: 1 as const, secrets: {} }),
    damaged: () => new OperonError('OPR-253', `${file} is damaged and is left as it is: restore it from a backup`, { details: { file } }),
  });
}

async function writeVault(file: string, content: VaultFile): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  await writeFileAtomic(file, `${JSON.stringify(content, null, 2)}\n`, { mode: 0o600, fsync: true });
}
