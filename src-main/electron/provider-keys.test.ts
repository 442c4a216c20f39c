import { readFile, stat, writeFile, mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { EngineEnvChange } from '../engine-process/control.ts';
import { tempDir } from '../services/test-support.ts';
import { openProviderKeyStore, PROVIDER_KEYS_FILE, type SafeStorageLike } from './provider-keys.ts';
import { ReversibleSafeStorage } from './testing/reversible-safe-storage.ts';

const KEY = 'sk-proj-Very-Secret-Value-0123456789';

/** A store on a fresh data folder, recording what it tells the engine and logs. */
async function store(safeStorage: SafeStorageLike = new ReversibleSafeStorage(), dataDir?: string) {
  const dir = dataDir ?? (await tempDir());
  const changes: EngineEnvChange[] = [];
  const logs: string[] = [];
  const keys = await openProviderKeyStore({
    dataDir: dir,
    safeStorage,
    onChange: (change) => changes.push(change),
    log: (message) => logs.push(message),
    now: () => new Date('2025-06-01T12:00:00.000Z'),
  });
  const file = path.join(dir, PROVIDER_KEYS_FILE);
  return { keys, calls: keys.calls, changes, logs, dataDir: dir, file };
}

describe('openProviderKeyStore: keys encrypted with safeStorage', () => {
  it('stores a key encrypted (the file never holds the value), lists its name only, and hands the value to the engine', async () => {
    const { calls, changes, file, dataDir, keys } = await store();
    const stored = await calls['desktop.providerKeys.set']({ name: 'OPENAI_API_KEY', value: KEY });
    expect(stored).toEqual({ name: 'OPENAI_API_KEY', updatedAt: '2025-06-01T12:00:00.000Z' });
    expect(changes).toEqual([{ set: { OPENAI_API_KEY: KEY }, unset: [] }]);

    const text = await readFile(file, 'utf8');
    expect(text).not.toContain(KEY);
    expect(text).not.toContain(Buffer.from(KEY).toString('base64'));
    expect(JSON.parse(text)).toEqual({
      version: 1,
      keys: { OPENAI_API_KEY: { encrypted: expect.any(String), updatedAt: '2025-06-01T12:00:00.000Z' } },
    });
    if (process.platform !== 'win32') expect((await stat(file)).mode & 0o777).toBe(0o600);

    const listed = await calls['desktop.providerKeys.list']({});
    expect(listed).toEqual({ storage: { available: true }, keys: [{ name: 'OPENAI_API_KEY', updatedAt: '2025-06-01T12:00:00.000Z' }] });
    expect(JSON.stringify(listed)).not.toContain(KEY);
    expect(keys.environment()).toEqual({ OPENAI_API_KEY: KEY });
    // The next launch reads the same file back.
    expect((await store(new ReversibleSafeStorage(), dataDir)).keys.environment()).toEqual({ OPENAI_API_KEY: KEY });
  });

  it('removes a key from the file and the engine; removing a key not stored changes nothing', async () => {
    const { calls, changes, file } = await store();
    await calls['desktop.providerKeys.set']({ name: 'OPENAI_API_KEY', value: KEY });
    await calls['desktop.providerKeys.set']({ name: 'OPENROUTER_API_KEY', value: 'sk-or-1234' });
    expect(await calls['desktop.providerKeys.remove']({ name: 'OPENAI_API_KEY' })).toEqual({ removed: true });
    expect(await calls['desktop.providerKeys.remove']({ name: 'OPENAI_API_KEY' })).toEqual({ removed: false });
    expect(changes.at(-1)).toEqual({ set: {}, unset: ['OPENAI_API_KEY'] });
    expect(changes).toHaveLength(3);
    expect(Object.keys((JSON.parse(await readFile(file, 'utf8')) as { keys: object }).keys)).toEqual(['OPENROUTER_API_KEY']);
  });

  it('keeps every one of several keys stored at once', async () => {
    const { calls, keys } = await store();
    const names = ['A_API_KEY', 'B_API_KEY', 'C_TOKEN', 'OPERON_SECRET_SLACK'];
    await Promise.all(names.map((name) => calls['desktop.providerKeys.set']({ name, value: `value-of-${name}` })));
    expect((await calls['desktop.providerKeys.list']({})).keys.map((key) => key.name)).toEqual(names);
    expect(keys.environment()).toEqual(Object.fromEntries(names.map((name) => [name, `value-of-${name}`])));
  });
});

describe('openProviderKeyStore: refuses to store a key it cannot keep safely', () => {
  for (const [why, safeStorage, reason] of [
    ['Linux reports the basic_text backend', new ReversibleSafeStorage({ backend: 'basic_text' }), /basic_text/],
    ['there is no keychain', new ReversibleSafeStorage({ available: false }), /no OS keychain/],
  ] as const) {
    it(`when ${why}: list says why, set is OPR-165 and writes nothing, environment variables still work`, async () => {
      const { calls, changes, file } = await store(safeStorage);
      const listed = await calls['desktop.providerKeys.list']({});
      expect(listed).toEqual({ storage: { available: false, reason: expect.stringMatching(reason) }, keys: [] });
      expect(listed.storage.available === false && listed.storage.reason).toMatch(/environment variable/);
      await expect(calls['desktop.providerKeys.set']({ name: 'OPENAI_API_KEY', value: KEY })).rejects.toMatchObject({
        code: 'OPR-165',
        message: expect.stringMatching(reason),
      });
      await expect(stat(file)).rejects.toMatchObject({ code: 'ENOENT' });
      expect(changes).toEqual([]);
    });
  }

  it('refuses a safeStorage that hands the value back unencrypted', async () => {
    const identity: SafeStorageLike = {
      isEncryptionAvailable: () => true,
      encryptString: (text) => Buffer.from(text),
      decryptString: (buffer) => buffer.toString(),
    };
    const { calls, file } = await store(identity);
    await expect(calls['desktop.providerKeys.set']({ name: 'OPENAI_API_KEY', value: KEY })).rejects.toMatchObject({
      code: 'OPR-165',
    });
    await expect(stat(file)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('still lists and removes keys stored before the keychain went away, and gives the engine none of them', async () => {
    const safeStorage = new ReversibleSafeStorage();
    const { calls, dataDir } = await store(safeStorage);
    await calls['desktop.providerKeys.set']({ name: 'OPENAI_API_KEY', value: KEY });
    safeStorage.backend = 'basic_text';
    safeStorage.available = false;
    const later = await store(safeStorage, dataDir);
    expect(later.keys.environment()).toEqual({});
    expect(later.logs.join('\n')).not.toContain(KEY);
    expect((await later.calls['desktop.providerKeys.list']({})).keys).toHaveLength(1);
    expect(await later.calls['desktop.providerKeys.remove']({ name: 'OPENAI_API_KEY' })).toEqual({ removed: true });
  });

  it('skips a key that no longer decrypts (another keychain), logging its name and never a value', async () => {
    const { calls, dataDir } = await store(new ReversibleSafeStorage({ marker: 'old-keychain:' }));
    await calls['desktop.providerKeys.set']({ name: 'OPENAI_API_KEY', value: KEY });
    const later = await store(new ReversibleSafeStorage({ marker: 'new-keychain:' }), dataDir);
    expect(later.keys.environment()).toEqual({});
    expect(later.logs).toEqual([expect.stringContaining('OPENAI_API_KEY could not be decrypted')]);
  });
});

describe('openProviderKeyStore: a file it cannot read', () => {
  it('names the file, never overwrites it, and works again once it is deleted', async () => {
    const dataDir = await tempDir();
    const file = path.join(dataDir, PROVIDER_KEYS_FILE);
    await mkdir(path.dirname(file), { recursive: true });
    for (const content of ['{ not json', JSON.stringify({ version: 1, keys: { OPENAI_API_KEY: { encrypted: 42 } } })]) {
      await writeFile(file, content);
      const { calls, keys, logs } = await store(new ReversibleSafeStorage(), dataDir);
      const listed = await calls['desktop.providerKeys.list']({});
      expect(listed).toEqual({ storage: { available: false, reason: expect.stringContaining(file) }, keys: [] });
      await expect(calls['desktop.providerKeys.set']({ name: 'OPENAI_API_KEY', value: KEY })).rejects.toMatchObject({
        code: 'OPR-163',
        message: expect.stringContaining(file),
      });
      await expect(calls['desktop.providerKeys.remove']({ name: 'OPENAI_API_KEY' })).rejects.toMatchObject({
        message: expect.stringMatching(/fix it or delete it/),
      });
      expect(await readFile(file, 'utf8')).toBe(content);
      expect(keys.environment()).toEqual({});
      expect(logs).toEqual([expect.stringContaining(file)]);

      await rm(file);
      await calls['desktop.providerKeys.set']({ name: 'OPENAI_API_KEY', value: KEY });
      expect((await calls['desktop.providerKeys.list']({})).keys).toHaveLength(1);
    }
  });
});
