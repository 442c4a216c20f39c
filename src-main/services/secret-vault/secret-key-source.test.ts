import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { filesHolding } from '../testing/secret-scan.ts';
import { rotateSecretKey } from './rotate-key.ts';
import { KEY_FILE, KEY_VARIABLE, WRAPPED_KEY_FILE, loadSecretKeys, type SecretKeySource } from './secret-keys.ts';
import { createSecretVault } from './secret-vault.ts';
import { aesKeyWrapper } from './testing/aes-key-wrapper.ts';

// The SecretKeySource seam: the key file (headless), a key wrapped by the OS keychain (the desktop app, here a real
// AES wrapper standing in for safeStorage), and keys handed over in memory (the desktop's engine process).

const VALUE = 'sk-live-wrapped-4c1e9a';

let dataDir: string;
beforeEach(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'operon-key-source-'));
});
afterEach(() => rm(dataDir, { recursive: true, force: true }));

const vault = (keySource?: SecretKeySource, env: NodeJS.ProcessEnv = {}) =>
  createSecretVault({
    dataDir,
    workspace: 'acme',
    workspaceRoot: path.join(dataDir, 'workspaces', 'acme'),
    env,
    ...(keySource === undefined ? {} : { keySource }),
  });
const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => 'ok',
    (error: unknown) => error as { code?: string; message: string },
  );

describe('the secrets key source', () => {
  it('wrapped: the key file holds only the wrapped key (0600), no plain key file is made, and values open again', async () => {
    const wrapper = aesKeyWrapper();
    const source: SecretKeySource = { kind: 'wrapped', wrapper };
    await vault(source).set('API_TOKEN', VALUE);
    expect(wrapper.calls.wrap).toBe(1);
    await expect(stat(path.join(dataDir, KEY_FILE))).rejects.toMatchObject({ code: 'ENOENT' });
    expect((await stat(path.join(dataDir, WRAPPED_KEY_FILE))).mode & 0o777).toBe(0o600);
    const keys = await loadSecretKeys(dataDir, {}, { create: false, source });
    expect(keys?.source).toBe('wrapped');
    // Neither the key (hex or base64) nor the value is anywhere under the data folder.
    for (const form of [keys!.current.toString('hex'), keys!.current.toString('base64'), VALUE])
      expect(await filesHolding(dataDir, form), form).toEqual([]);
    expect(await vault(source).readAll()).toEqual(new Map([['API_TOKEN', VALUE]]));
    expect(wrapper.calls.unwrap).toBeGreaterThan(0);
  });

  it('wrapped: another keychain cannot open the key (OPR-281) and the file is left as it was', async () => {
    await vault({ kind: 'wrapped', wrapper: aesKeyWrapper() }).set('API_TOKEN', VALUE);
    const before = await readFile(path.join(dataDir, WRAPPED_KEY_FILE), 'utf8');
    const refused = await failure(vault({ kind: 'wrapped', wrapper: aesKeyWrapper() }).readAll());
    expect(refused).toMatchObject({ code: 'OPR-281', message: expect.stringContaining('OS keychain did not open it') });
    expect(await readFile(path.join(dataDir, WRAPPED_KEY_FILE), 'utf8')).toBe(before);
  });

  it('the CLI (key file source) refuses to make a second, plain key where the desktop keeps its key wrapped (OPR-280)', async () => {
    await vault({ kind: 'wrapped', wrapper: aesKeyWrapper() }).set('API_TOKEN', VALUE);
    expect(await failure(vault().set('OTHER', 'other-value-123'))).toMatchObject({ code: 'OPR-280' });
    expect(await failure(vault().readAll())).toMatchObject({ code: 'OPR-280', message: expect.stringContaining('OPERON_SECRET_KEY') });
    expect(await failure(rotateSecretKey(dataDir, {}))).toMatchObject({ code: 'OPR-280' });
    await expect(stat(path.join(dataDir, KEY_FILE))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('wrapped: a plain key file the CLI made first is used as it is, so both open the same secrets', async () => {
    await vault().set('API_TOKEN', VALUE);
    const wrapper = aesKeyWrapper();
    expect(await vault({ kind: 'wrapped', wrapper }).readAll()).toEqual(new Map([['API_TOKEN', VALUE]]));
    expect(wrapper.calls).toEqual({ wrap: 0, unwrap: 0 });
    await expect(stat(path.join(dataDir, WRAPPED_KEY_FILE))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('given: keys handed over in memory open what the wrapped key sealed; none given yet is the key file', async () => {
    const wrapped: SecretKeySource = { kind: 'wrapped', wrapper: aesKeyWrapper() };
    await vault(wrapped).set('API_TOKEN', VALUE);
    const handedOver = await loadSecretKeys(dataDir, {}, { create: false, source: wrapped });
    let given = handedOver;
    const source: SecretKeySource = { kind: 'given', keys: () => given };
    expect(await vault(source).readAll()).toEqual(new Map([['API_TOKEN', VALUE]]));
    await vault(source).set('SECOND', 'second-value-456');
    expect(await vault(wrapped).readAll()).toEqual(
      new Map([
        ['API_TOKEN', VALUE],
        ['SECOND', 'second-value-456'],
      ]),
    );
    given = undefined;
    expect(await failure(vault(source).readAll())).toMatchObject({ code: 'OPR-280' });
  });

  it('OPERON_SECRET_KEY wins over every source', async () => {
    const env = { [KEY_VARIABLE]: 'ab'.repeat(32) };
    const wrapper = aesKeyWrapper();
    await vault({ kind: 'wrapped', wrapper }, env).set('API_TOKEN', VALUE);
    expect(wrapper.calls).toEqual({ wrap: 0, unwrap: 0 });
    expect(await vault(undefined, env).readAll()).toEqual(new Map([['API_TOKEN', VALUE]]));
    expect((await loadSecretKeys(dataDir, env, { create: false, source: { kind: 'given', keys: () => undefined } }))?.source).toBe(
      'environment',
    );
  });
});
