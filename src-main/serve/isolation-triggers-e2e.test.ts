import http from 'node:http';
import path from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { createAccessStore } from '../services/access/access-store.ts';
import { createSecretVault } from '../services/secret-vault/secret-vault.ts';
import { tempDir } from '../services/test-support.ts';
import { startServer, type RunningServer } from './server.ts';
import { connectApi, type TestConnection } from './testing/connect.ts';
import { workflowOf } from './testing/test-server.ts';

// Issue 14, isolation: triggers, with the real trigger service of `operon serve`. A Workflow finished trigger in acme
// naming globex's workflow never fires on globex's runs; a webhook URL reaches only its own workspace's workflow, and
// only with that workspace's secret; a URL that walks from one workspace into another is not found.

const TOKENS = { acme: 'acme-hook-token-3f9a71', globex: 'globex-hook-token-8c2e44' };

async function serveWithTriggers(): Promise<{ server: RunningServer; client: TestConnection; ada: TestConnection }> {
  const dataDir = await tempDir();
  for (const workspace of ['acme', 'globex'] as const)
    await createSecretVault({ dataDir, workspace, workspaceRoot: path.join(dataDir, 'workspaces', workspace), env: {} }).set(
      'WEBHOOK_TOKEN',
      TOKENS[workspace],
    );
  const server = await startServer({ dataDir, staticDir: dataDir, env: {}, triggers: {}, log: () => undefined });
  await server.ready;
  const client = connectApi(server);
  // Ada, a member of acme only, connected the whole time: what the server pushes her is checked.
  const access = createAccessStore(dataDir);
  await access.setRole('ada', 'acme', 'owner');
  const ada = connectApi(server, (await access.createToken('ada')).token);
  await ada.client.call('workflows.list', { workspace: 'acme' });
  onTestFinished(async () => {
    ada.transport.close();
    client.transport.close();
    await server.close();
  });
  return { server, client, ada };
}

/** `trigger -> Transform -> Output`, saved in `workspace` and activated. */
async function activeWorkflow(
  client: TestConnection,
  workspace: string,
  id: string,
  trigger: { type: string; config?: Record<string, unknown> },
) {
  const nodes = [
    { id: 'start', ...trigger },
    { id: 'work', type: 'core.transform', config: { expression: `'${workspace}'` } },
    { id: 'result', type: 'core.output', config: { name: 'result' } },
  ];
  await client.client.call('workflows.save', {
    workspace,
    workflow: workflowOf(id, nodes, ['start.out -> work.in', 'work.out -> result.in']),
  });
  if (trigger.type !== 'core.manual-trigger') await client.client.call('triggers.setActive', { workspace, workflowId: id, active: true });
}

/** A raw HTTP request (the path exactly as given: no URL normalising), resolving with the status. */
function post(server: RunningServer, requestPath: string, token: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      {
        host: '127.0.0.1',
        port: server.port,
        path: requestPath,
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-operon-token': token },
      },
      (response) => {
        response.resume();
        response.once('end', () => resolve(response.statusCode ?? 0));
      },
    );
    request.once('error', reject);
    request.end('{"n":1}');
  });
}

const runsOf = async (client: TestConnection, workspace: string): Promise<string[]> =>
  (await client.client.call('runs.list', { workspace })).runs.map((run) => ('workflowId' in run ? run.workflowId : run.problem));

describe('triggers across workspaces', () => {
  it("a Workflow finished trigger in acme naming globex's workflow never fires on globex's runs", async () => {
    const { client, ada } = await serveWithTriggers();
    await activeWorkflow(client, 'globex', 'payroll', { type: 'core.manual-trigger' });
    await activeWorkflow(client, 'acme', 'spy', { type: 'core.workflow-finished-trigger', config: { workflowId: 'payroll', on: 'both' } });
    await activeWorkflow(client, 'globex', 'audit', {
      type: 'core.workflow-finished-trigger',
      config: { workflowId: 'payroll', on: 'both' },
    });
    // Globex's workflow cannot be switched from acme: not found there.
    await expect(client.client.call('triggers.setActive', { workspace: 'acme', workflowId: 'audit', active: false })).rejects.toMatchObject(
      {
        code: 'OPR-161',
      },
    );
    const fired: { workspace: string; workflowId: string }[] = [];
    const auditFired = new Promise<void>((resolve) =>
      client.client.on('triggers.fired', ({ workspace, firing }) => {
        fired.push({ workspace, workflowId: firing.workflowId });
        if (firing.workflowId === 'audit' && firing.outcome === 'started') resolve();
      }),
    );
    const { runId } = await client.client.call('runs.start', { workspace: 'globex', workflowId: 'payroll' });
    await client.waitForStatus(runId, 'succeeded');
    // Globex's own follower fired (the finished run was handed to its followers, all at once); acme's did not.
    await auditFired;
    expect(fired).toEqual([{ workspace: 'globex', workflowId: 'audit' }]);
    expect((await client.client.call('triggers.log', { workspace: 'acme' })).firings).toEqual([]);
    expect(await runsOf(client, 'acme')).toEqual([]);
    // Nothing of globex's activations, firings or runs was pushed to acme's member.
    await ada.client.call('runs.list', { workspace: 'acme' });
    expect(ada.rawMessages.filter((message) => message.includes('globex') || message.includes(runId))).toEqual([]);
    expect(client.rawMessages.some((message) => message.includes('"triggers.fired"') && message.includes('globex'))).toBe(true);
  });

  it("a webhook reaches only its own workspace's workflow, with its own workspace's secret; walking URLs are not found", async () => {
    const { server, client } = await serveWithTriggers();
    for (const workspace of ['acme', 'globex'])
      await activeWorkflow(client, workspace, 'intake', { type: 'core.webhook-trigger', config: { path: 'in' } });
    const walks = [
      '/hooks/acme/../globex/intake/in',
      '/hooks/acme/%2e%2e/globex/intake/in',
      '/hooks/acme%2F..%2Fglobex/intake/in',
      '/hooks/acme/intake/..%2F..%2Fglobex%2Fintake%2Fin',
      '/hooks/acme\\..\\globex/intake/in',
    ];
    for (const walk of walks) expect(await post(server, walk, TOKENS.globex), walk).toBe(404);
    // Globex's hook with acme's secret is refused; acme's with its own starts acme's workflow only.
    expect(await post(server, '/hooks/globex/intake/in', TOKENS.acme)).toBe(401);
    const status = await post(server, '/hooks/acme/intake/in', TOKENS.acme);
    expect(status).toBeGreaterThanOrEqual(200);
    expect(status).toBeLessThan(300);
    expect(await runsOf(client, 'acme')).toEqual(['intake']);
    expect(await runsOf(client, 'globex')).toEqual([]);
  });

  it("a File watch trigger whose folder leaves acme's files folder is refused at activation, naming the node", async () => {
    const { client } = await serveWithTriggers();
    for (const folder of ['../../globex/files', '../globex', '/tmp', 'inbox/../../..']) {
      const refused = activeWorkflow(client, 'acme', 'watcher', { type: 'core.file-watch-trigger', config: { folder } });
      await expect(refused, folder).rejects.toMatchObject({
        code: 'OPR-231',
        problems: [expect.objectContaining({ nodeId: 'start', message: expect.stringContaining('folder') as unknown })],
      });
    }
    expect((await client.client.call('triggers.list', { workspace: 'acme' })).workflows).not.toContainEqual(
      expect.objectContaining({ workflowId: 'watcher', active: true }),
    );
  });
});
