import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { OperonError } from '../../../src-shared/errors/operon-error.ts';
import { keyIdOf, newKey } from './secret-crypto.ts';
import { KEY_VARIABLE, NEW_KEY_VARIABLE, loadSecretKeys, parseKey, readKeyFile, writeKeyFile } from './secret-keys.ts';
import { SECRETS_FILE, resealVault } from './secret-vault.ts';
import { keptWrapped } from './wrapped-key-file.ts';

export interface RotationResult {
  /** The workspaces whose secrets were sealed again. */
  sealed: string[];
  workspaces: number;
  secrets: number;
  source: 'environment' | 'file';
}

/**
 * Seals every stored secret of every workspace with a new key. With the key file: a new key is added to the file
 * (both open values), every vault is sealed again, then the old key is dropped, so a rotation cut off at any point
 * leaves every value readable and can simply be run again. With OPERON_SECRET_KEY: the new key comes from
 * OPERON_SECRET_NEW_KEY (both open values while it is set); afterwards the operator moves it to OPERON_SECRET_KEY.
 */
export async function rotateSecretKey(dataDir: string, env: NodeJS.ProcessEnv): Promise<RotationResult> {
  const keys = await loadSecretKeys(dataDir, env, { create: false });
  if (keys === undefined) return { sealed: [], workspaces: 0, secrets: 0, source: 'file' };
  // The desktop app's wrapped key is only ever opened by the app (the CLI's default source refuses it: OPR-280).
  if (keys.source !== 'environment' && keys.source !== 'file') throw keptWrapped(dataDir);
  let next: Buffer;
  if (keys.source === 'environment') {
    const given = env[NEW_KEY_VARIABLE];
    if (given === undefined || given === '')
      throw new OperonError(
        'OPR-254',
        `the secrets key comes from ${KEY_VARIABLE}: set ${NEW_KEY_VARIABLE} to the new key (openssl rand -hex 32) and run this again, then move it to ${KEY_VARIABLE}`,
      );
    next = parseKey(given, NEW_KEY_VARIABLE);
  } else {
    const file = keys.file ?? '';
    const content = await readKeyFile(file);
    if (content === undefined) throw new OperonError('OPR-251', `the secrets key ${file} went away during the rotation`);
    next = newKey();
    await writeKeyFile(file, { ...content, current: keyIdOf(next), keys: { ...content.keys, [keyIdOf(next)]: next.toString('base64') } });
  }
  const from = { ...keys, byId: new Map([...keys.byId, [keyIdOf(next), next]]) };
  const sealed: string[] = [];
  let secrets = 0;
  for (const workspace of await workspaceIds(dataDir)) {
    const count = await resealVault(path.join(dataDir, 'workspaces', workspace, SECRETS_FILE), workspace, from, next);
    if (count > 0) sealed.push(workspace);
    secrets += count;
  }
  if (keys.source === 'file' && keys.file !== undefined)
    await writeKeyFile(keys.file, { version: 1, current: keyIdOf(next), keys: { [keyIdOf(next)]: next.toString('base64') } });
  return { sealed, workspaces: sealed.length, secrets, source: keys.source };
}

async function workspaceIds(dataDir: string): Promise<string[]> {
  try {
    const entries = await readdir(path.join(dataDir, 'workspaces'), { withFileTypes: true });
    return entries.filter((entry) => entry.isDirectory()).map((entry) => entry.name);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}
