import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startLoopbackServer, type LoopbackServer } from '../cli/testing/run-cli.ts';
import { createSecretVault } from '../services/secret-vault/secret-vault.ts';
import { runToEnd, saveChain, twoTenants } from './testing/two-tenants.ts';

// Issue 14, isolation: `$secret('X')` in an acme run reads acme's vault (then the server's environment), never
// globex's vault, even when globex has an X and acme has none.

const GLOBEX_VALUE = 'globex-vault-value-7731';
const ACME_VALUE = 'acme-vault-value-2208';

let api: LoopbackServer | undefined;
afterEach(async () => {
  await api?.close();
  api = undefined;
});

describe('secrets across workspaces', () => {
  it("an acme run never resolves globex's stored secret: missing in acme is OPR-156, and acme's own is used", async () => {
    const tenants = await twoTenants();
    const vault = (workspace: string) =>
      createSecretVault({
        dataDir: tenants.served.dataDir,
        workspace,
        workspaceRoot: path.join(tenants.served.dataDir, 'workspaces', workspace),
        env: {},
      });
    await vault('globex').set('LEDGER_TOKEN', GLOBEX_VALUE);
    await vault('globex').set('SHARED_NAME', GLOBEX_VALUE);
    await vault('acme').set('SHARED_NAME', ACME_VALUE);
    api = await startLoopbackServer(() => ({ status: 200, body: { ok: true } }));
    const call = (name: string) => ({
      type: 'core.http-request',
      config: { url: `${api?.url}/${name}`, headers: { Authorization: `Bearer {{ $secret('${name}') }}` } },
    });
    await saveChain(tenants.served, 'acme', 'only-globex-has-it', call('LEDGER_TOKEN'));
    await saveChain(tenants.served, 'acme', 'both-have-it', call('SHARED_NAME'));
    await saveChain(tenants.served, 'globex', 'both-have-it', call('SHARED_NAME'));

    const missing = await runToEnd(tenants.ada, 'acme', 'only-globex-has-it');
    expect(missing).toMatchObject({ status: 'failed', error: { code: 'OPR-156', message: expect.stringContaining('LEDGER_TOKEN') } });
    expect(await runToEnd(tenants.ada, 'acme', 'both-have-it')).toMatchObject({ status: 'succeeded' });
    expect(await runToEnd(tenants.served, 'globex', 'both-have-it')).toMatchObject({ status: 'succeeded' });
    // What reached the loopback server: acme's value for acme's run, globex's for globex's, and nothing for the missing.
    expect(api.requests.map((request) => `${request.url} ${request.headers.authorization}`)).toEqual([
      `/SHARED_NAME Bearer ${ACME_VALUE}`,
      `/SHARED_NAME Bearer ${GLOBEX_VALUE}`,
    ]);
    expect(tenants.ada.rawMessages.filter((message) => message.includes(GLOBEX_VALUE) || message.includes(ACME_VALUE))).toEqual([]);
  });
});
