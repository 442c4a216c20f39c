import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { createAccessStore } from '../services/access/access-store.ts';
import { auditPaths } from '../services/audit/audit-log.ts';
import { workspacePaths } from '../services/data-dir.ts';
import { connectApi } from './testing/connect.ts';
import { serveForTest } from './testing/test-server.ts';

// policy.get and policy.set over the real WebSocket API; who may call them is the roles matrix's (roles-e2e.test.ts).
describe('the workspace policy over the API', () => {
  it('an owner sets it (checked, written, audited as that owner) and a viewer reads it', async () => {
    const { server, dataDir } = await serveForTest();
    const access = createAccessStore(dataDir);
    await access.setRole('ada', 'acme', 'owner');
    await access.setRole('vic', 'acme', 'viewer');
    const ada = connectApi(server, (await access.createToken('ada')).token);
    const vic = connectApi(server, (await access.createToken('vic')).token);
    onTestFinished(() => {
      ada.transport.close();
      vic.transport.close();
    });

    expect(await vic.client.call('policy.get', { workspace: 'acme' })).toEqual({ policy: null });
    const { policy } = await ada.client.call('policy.set', { workspace: 'acme', policy: { nodeTypes: ['core.llm'] } });
    expect(policy.nodeTypes).toEqual(['core.llm']);
    expect(policy.http.allowPrivateNetworks).toBe(false);
    expect((await vic.client.call('policy.get', { workspace: 'acme' })).policy).toEqual(policy);
    await expect(vic.client.call('policy.set', { workspace: 'acme', policy: {} })).rejects.toMatchObject({ code: 'OPR-256' });
    // A field that is not in the document is refused, naming it; the policy stays as it was.
    await expect(
      ada.client.call('policy.set', { workspace: 'acme', policy: { http: { allowPrivateNetwork: true } } as never }),
    ).rejects.toThrow(/allowPrivateNetwork/);
    expect((await vic.client.call('policy.get', { workspace: 'acme' })).policy).toEqual(policy);

    const root = workspacePaths(dataDir, 'acme').root;
    const stored = JSON.parse(await readFile(path.join(root, 'policy.json'), 'utf8')) as unknown;
    expect(stored).toEqual(policy);
    const audit = (await readFile(auditPaths(root).file, 'utf8'))
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(audit.filter((entry) => entry.action === 'policy.changed')).toEqual([
      expect.objectContaining({ actor: 'ada', target: 'policy', details: { changed: Object.keys(policy) } }),
    ]);
  });
});
