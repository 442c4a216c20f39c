import { chmod, mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OperonError } from '../../../src-shared/errors/operon-error.ts';
import { filesHolding } from '../testing/secret-scan.ts';
import { rotateSecretKey } from './rotate-key.ts';
import { KEY_FILE, KEY_VARIABLE, NEW_KEY_VARIABLE } from './secret-keys.ts';
import { SECRETS_FILE, createSecretVault } from './secret-vault.ts';

const VALUE = 'sk-live-7f3a9c2e4b1d';
const OTHER = 'hook-token-5e8d1a90';
const HEX_KEY = 'ab'.repeat(32);
const NEXT_HEX_KEY = 'cd'.repeat(32);

let dataDir: string;
beforeEach(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'operon-vault-'));
});
afterEach(() => rm(dataDir, { recursive: true, force: true }));

const vault = (workspace = 'acme', env: NodeJS.ProcessEnv = {}) =>
  createSecretVault({ dataDir, workspace, workspaceRoot: path.join(dataDir, 'workspaces', workspace), env });
const vaultFile = (workspace = 'acme') => path.join(dataDir, 'workspaces', workspace, SECRETS_FILE);
const codeOf = async (promise: Promise<unknown>): Promise<string | undefined> =>
  promise.then(
    () => undefined,
    (error: unknown) => (error instanceof OperonError ? error.code : String(error)),
  );

describe('the secrets store', () => {
  it('stores values sealed, lists names only, opens them again, and removes them', async () => {
    const acme = vault();
    expect(await acme.set('api_token', VALUE)).toBe('created');
    expect(await acme.set('API_TOKEN', `${VALUE}-2`)).toBe('changed');
    await acme.set('HOOK', OTHER);
    expect((await acme.list()).map((secret) => secret.name)).toEqual(['API_TOKEN', 'HOOK']);
    expect(await acme.readAll()).toEqual(
      new Map([
        ['API_TOKEN', `${VALUE}-2`],
        ['HOOK', OTHER],
      ]),
    );
    // Nothing under the data folder holds a value, in any form a scan knows.
    expect(await filesHolding(dataDir, VALUE)).toEqual([]);
    expect(await filesHolding(dataDir, OTHER)).toEqual([]);
    // The key file was made on the first set, owner-only, and so is the store.
    expect((await stat(path.join(dataDir, KEY_FILE))).mode & 0o777).toBe(0o600);
    expect((await stat(vaultFile())).mode & 0o777).toBe(0o600);
    expect(await acme.remove('hook')).toBe(true);
    expect(await acme.remove('hook')).toBe(false);
    expect([...(await acme.readAll()).keys()]).toEqual(['API_TOKEN']);
  });

  it('refuses bad names, the key names, and empty values', async () => {
    expect(await codeOf(vault().set('9lives', VALUE))).toBe('OPR-252');
    expect(await codeOf(vault().set('key', VALUE))).toBe('OPR-252');
    expect(await codeOf(vault().set('NEW_KEY', VALUE))).toBe('OPR-252');
    expect(await codeOf(vault().set('EMPTY', ''))).toBe('OPR-252');
  });

  it('a value changed by one byte, or moved to another name or workspace, does not open (OPR-253)', async () => {
    await mkdir(path.dirname(vaultFile('globex')), { recursive: true });
    await vault().set('A', VALUE);
    await vault().set('B', OTHER);
    const original = await readFile(vaultFile(), 'utf8');
    const content = JSON.parse(original) as { secrets: Record<string, { data: string }> };
    // Swap the two sealed values between their names.
    const swapped = structuredClone(content);
    [swapped.secrets.A, swapped.secrets.B] = [content.secrets.B!, content.secrets.A!];
    await writeFile(vaultFile(), JSON.stringify(swapped));
    expect(await codeOf(vault().readAll())).toBe('OPR-253');
    // The same file under another workspace.
    await writeFile(vaultFile('globex'), original);
    expect(await codeOf(vault('globex').readAll())).toBe('OPR-253');
    // One byte of the ciphertext changed.
    const data = Buffer.from(content.secrets.A!.data, 'base64');
    data[0] = (data[0] ?? 0) ^ 1;
    content.secrets.A!.data = data.toString('base64');
    await writeFile(vaultFile(), JSON.stringify(content));
    expect(await codeOf(vault().readAll())).toBe('OPR-253');
  });

  it('refuses a key file others can read, and a bad key in the environment', async () => {
    await vault().set('A', VALUE);
    await chmod(path.join(dataDir, KEY_FILE), 0o644);
    const refused = await vault()
      .readAll()
      .catch((error: unknown) => error);
    expect(refused).toMatchObject({ code: 'OPR-251', message: expect.stringContaining('chmod 600') });
    expect(await codeOf(vault('acme', { [KEY_VARIABLE]: 'short' }).readAll())).toBe('OPR-250');
  });

  it('with OPERON_SECRET_KEY writes no key file, and a store sealed with another key does not open', async () => {
    const env = { [KEY_VARIABLE]: HEX_KEY };
    await vault('acme', env).set('A', VALUE);
    await expect(stat(path.join(dataDir, KEY_FILE))).rejects.toMatchObject({ code: 'ENOENT' });
    expect(await vault('acme', env).readAll()).toEqual(new Map([['A', VALUE]]));
    expect(await codeOf(vault('acme', { [KEY_VARIABLE]: NEXT_HEX_KEY }).readAll())).toBe('OPR-253');
    expect(await codeOf(vault('acme', {}).readAll())).toBe('OPR-253');
  });

  it('rotates the key file: every workspace sealed again, the old key gone, every value still opens', async () => {
    await vault('acme').set('A', VALUE);
    await vault('globex').set('B', OTHER);
    const before = await readFile(path.join(dataDir, KEY_FILE), 'utf8');
    const sealedBefore = await readFile(vaultFile('acme'), 'utf8');
    expect(await rotateSecretKey(dataDir, {})).toEqual({ sealed: ['acme', 'globex'], workspaces: 2, secrets: 2, source: 'file' });
    const after = JSON.parse(await readFile(path.join(dataDir, KEY_FILE), 'utf8')) as { keys: Record<string, string> };
    expect(Object.keys(after.keys)).toHaveLength(1);
    expect(Object.keys(after.keys)[0]).not.toBe((JSON.parse(before) as { current: string }).current);
    expect(await readFile(vaultFile('acme'), 'utf8')).not.toBe(sealedBefore);
    expect(await vault('acme').readAll()).toEqual(new Map([['A', VALUE]]));
    expect(await vault('globex').readAll()).toEqual(new Map([['B', OTHER]]));
  });

  it('rotates a key in the environment through OPERON_SECRET_NEW_KEY, both keys opening values meanwhile', async () => {
    await vault('acme', { [KEY_VARIABLE]: HEX_KEY }).set('A', VALUE);
    expect(await codeOf(rotateSecretKey(dataDir, { [KEY_VARIABLE]: HEX_KEY }))).toBe('OPR-254');
    const during = { [KEY_VARIABLE]: HEX_KEY, [NEW_KEY_VARIABLE]: NEXT_HEX_KEY };
    expect(await rotateSecretKey(dataDir, during)).toEqual({ sealed: ['acme'], workspaces: 1, secrets: 1, source: 'environment' });
    expect(await vault('acme', during).readAll()).toEqual(new Map([['A', VALUE]]));
    expect(await vault('acme', { [KEY_VARIABLE]: NEXT_HEX_KEY }).readAll()).toEqual(new Map([['A', VALUE]]));
    expect(await codeOf(vault('acme', { [KEY_VARIABLE]: HEX_KEY }).readAll())).toBe('OPR-253');
  });
});
