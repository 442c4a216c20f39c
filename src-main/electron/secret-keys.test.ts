import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { createApiClient } from '../../src-shared/api/client.ts';
import type { ElectronMessagePortLike } from '../../src-shared/api/message-port.ts';
import { createPortTransport } from '../../src-shared/api/port-transport.ts';
import { startLoopbackServer } from '../cli/testing/run-cli.ts';
import { serveEngineProcess } from '../engine-process/engine-process.ts';
import { createGivenSecretKeys } from '../engine-process/given-secret-keys.ts';
import { ElectronShapedPort } from '../engine-process/testing/electron-shaped-port.ts';
import { FakeParentPort } from '../engine-process/testing/fake-parent-port.ts';
import { nodeChannel } from '../engine-process/testing/ports.ts';
import { createApiHandlers } from '../host/api/api-handlers.ts';
import { WRAPPED_KEY_FILE, loadSecretKeys } from '../services/secret-vault/secret-keys.ts';
import { createSecretVault } from '../services/secret-vault/secret-vault.ts';
import { aesKeyWrapper } from '../services/secret-vault/testing/aes-key-wrapper.ts';
import { filesHolding } from '../services/testing/secret-scan.ts';
import { tempDir } from '../services/test-support.ts';
import { startEngineHost, type UtilityProcessLike } from './engine-host.ts';
import type { SafeStorageLike } from './provider-keys.ts';
import { loadDesktopSecretKeys, safeStorageKeyWrapper } from './secret-keys.ts';

// The desktop app keeps the vault's key encrypted with safeStorage (here a real AES wrapper stands in for the OS
// keychain), opens it in the main process and hands it to the engine process in a control message; the engine's
// runs then read the stored secrets. Electron itself cannot run here: everything around it is the real code.

const VALUE = 'desktop-vault-value-90ab';

function fakeSafeStorage(backend = 'gnome_libsecret', available = true): SafeStorageLike {
  const wrapper = aesKeyWrapper();
  return {
    isEncryptionAvailable: () => available,
    getSelectedStorageBackend: () => backend,
    encryptString: (text) => wrapper.wrap(Buffer.from(text, 'utf8')),
    decryptString: (encrypted) => wrapper.unwrap(encrypted).toString('utf8'),
  };
}

class FakeUtilityProcess implements UtilityProcessLike {
  readonly parentPort = new FakeParentPort();
  readonly posted: unknown[] = [];
  postMessage(message: unknown, transfer: ElectronMessagePortLike[] = []): void {
    this.posted.push(message);
    this.parentPort.deliver(message, transfer);
  }
  on(): this {
    return this;
  }
  kill(): boolean {
    return true;
  }
}

describe('the desktop secrets key, kept with safeStorage', () => {
  it('is made wrapped on the first start, opens again, and is not used where safeStorage is unsafe or OPERON_SECRET_KEY is set', async () => {
    const dataDir = await tempDir();
    const safeStorage = fakeSafeStorage();
    const logs: string[] = [];
    const log = (line: string) => logs.push(line);
    const first = await loadDesktopSecretKeys({ dataDir, env: {}, safeStorage, log });
    expect(first).toMatchObject({ current: expect.stringMatching(/^[0-9a-f]{16}$/) });
    expect(await loadDesktopSecretKeys({ dataDir, env: {}, safeStorage, log })).toEqual(first);
    const key = first!.keys[first!.current]!;
    expect(await readFile(path.join(dataDir, WRAPPED_KEY_FILE), 'utf8')).not.toContain(key);
    expect(await filesHolding(dataDir, Buffer.from(key, 'base64').toString('hex'))).toEqual([]);

    expect(await loadDesktopSecretKeys({ dataDir, env: {}, safeStorage: fakeSafeStorage('basic_text'), log })).toBeUndefined();
    expect(await loadDesktopSecretKeys({ dataDir, env: {}, safeStorage: fakeSafeStorage('x', false), log })).toBeUndefined();
    // Another keychain (the data folder copied to another account): the app starts, the reason is logged.
    expect(await loadDesktopSecretKeys({ dataDir, env: {}, safeStorage: fakeSafeStorage(), log })).toBeUndefined();
    expect(await loadDesktopSecretKeys({ dataDir, env: { OPERON_SECRET_KEY: 'ab'.repeat(32) }, safeStorage, log })).toBeUndefined();
    expect(logs).toEqual([
      expect.stringContaining('basic_text'),
      expect.stringContaining('no OS keychain'),
      expect.stringContaining('OS keychain did not open it'),
    ]);
  });

  it("reaches the engine process in a control message before any window, and the engine's runs read the stored secret", async () => {
    const dataDir = await tempDir();
    const safeStorage = fakeSafeStorage();
    const keys = await loadDesktopSecretKeys({ dataDir, env: {}, safeStorage, log: () => undefined });
    // A secret stored with the wrapped key, as the desktop app stores one.
    const wrapped = { kind: 'wrapped', wrapper: safeStorageKeyWrapper(safeStorage) } as const;
    await createSecretVault({
      dataDir,
      workspace: 'acme',
      workspaceRoot: path.join(dataDir, 'workspaces', 'acme'),
      env: {},
      keySource: wrapped,
    }).set('API_TOKEN', VALUE);
    const api = await startLoopbackServer(() => ({ status: 200, body: { ok: true } }));
    onTestFinished(() => api.close());
    const given = createGivenSecretKeys();
    const handlers = createApiHandlers({ dataDir, env: {}, secretKeys: given.source });
    onTestFinished(() => handlers.close());
    const unexpected: unknown[] = [];
    const processes: FakeUtilityProcess[] = [];
    const engine = startEngineHost({
      fork() {
        const child = new FakeUtilityProcess();
        serveEngineProcess({
          parentPort: child.parentPort,
          handlers,
          env: {},
          onSecretKeys: (message) => given.accept(message),
          onUnexpected: (error) => unexpected.push(error),
          exit: () => undefined,
        });
        processes.push(child);
        return child;
      },
      createChannel() {
        const { port1, port2 } = nodeChannel();
        return { port1: new ElectronShapedPort(port1), port2: new ElectronShapedPort(port2) };
      },
      onRestart: () => undefined,
      schedule: () => () => undefined,
      now: () => 0,
      log: () => undefined,
      secretKeys: () => keys,
    });
    const client = createApiClient(createPortTransport(engine.connect(1)));
    expect(processes[0]?.posted).toEqual([
      { type: 'secretKeys', keys },
      { type: 'connect', window: 1 },
    ]);

    const ended = new Promise<string>((resolve) =>
      client.on('runs.changed', (change) => change.status !== 'running' && resolve(change.status)),
    );
    await client.call('workflows.save', {
      workspace: 'acme',
      workflow: {
        schemaVersion: 1,
        id: 'uses-key',
        name: 'Uses key',
        nodes: [
          { id: 'start', type: 'core.manual-trigger', typeVersion: 1, position: { x: 0, y: 0 }, config: {} },
          {
            id: 'call',
            type: 'core.http-request',
            typeVersion: 1,
            position: { x: 200, y: 0 },
            config: { url: `${api.url}/whoami`, headers: { Authorization: "Bearer {{ $secret('API_TOKEN') }}" } },
          },
        ],
        edges: [{ id: 'e1', source: 'start', sourcePort: 'out', target: 'call', targetPort: 'in' }],
      },
    });
    await client.call('runs.start', { workspace: 'acme', workflowId: 'uses-key' });
    expect(await ended).toBe('succeeded');
    expect(api.requests.map((request) => request.headers.authorization)).toEqual([`Bearer ${VALUE}`]);
    expect(await filesHolding(dataDir, VALUE)).toEqual([]);
    expect(unexpected).toEqual([]);

    // A secretKeys message whose key does not match its id is reported and changes nothing.
    const current = await loadSecretKeys(dataDir, {}, { create: false, source: given.source });
    processes[0]?.postMessage({
      type: 'secretKeys',
      keys: { current: '0'.repeat(16), keys: { ['0'.repeat(16)]: keys!.keys[keys!.current] } },
    });
    expect(unexpected).toEqual([expect.objectContaining({ message: expect.stringContaining('does not match its id') })]);
    expect((await loadSecretKeys(dataDir, {}, { create: false, source: given.source }))?.current).toEqual(current?.current);
  });
});
