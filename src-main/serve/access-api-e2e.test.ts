import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { createAccessStore } from '../services/access/access-store.ts';
import { auditPaths } from '../services/audit/audit-log.ts';
import { workspacePaths } from '../services/data-dir.ts';
import { connectApi } from './testing/connect.ts';
import { serveForTest } from './testing/test-server.ts';

// Members, tokens, secrets and the audit trail through the real WebSocket API, on a real access.json, vault and
// audit files: every change is recorded with the connection's user as actor, and a secret's value never comes back.

async function ownerOfAcme() {
  const lines: string[] = [];
  const served = await serveForTest({ OPERON_USER: 'desk' }, { log: (line) => lines.push(line) });
  const access = createAccessStore(served.dataDir);
  await access.setRole('ada', 'acme', 'owner');
  const { token } = await access.createToken('ada');
  const ada = connectApi(served.server, token);
  onTestFinished(() => ada.transport.close());
  return { ...served, adaToken: token, ada: ada.client, adaRaw: ada.rawMessages, lines };
}

async function filesUnder(dir: string): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true }))
    if (entry.isFile()) found.push(path.join(entry.parentPath, entry.name));
  return found;
}

describe('members, tokens, secrets and audit over the API', () => {
  it('who am I: a named user with their roles, the local owner as OPERON_USER', async () => {
    const { ada, client } = await ownerOfAcme();
    expect(await ada.call('session.whoami', { workspace: 'acme' })).toEqual({
      user: 'ada',
      role: 'owner',
      roles: { acme: 'owner' },
      local: false,
    });
    expect(await client.call('session.whoami', { workspace: 'acme' })).toEqual({
      user: 'desk',
      role: 'owner',
      roles: { '*': 'owner' },
      local: true,
    });
  });

  it('an owner adds a member, gives them a token that works, revokes it; each change audited with the owner as actor', async () => {
    const { ada, server, dataDir } = await ownerOfAcme();
    const added = await ada.call('members.set', { workspace: 'acme', user: 'Bob', role: 'viewer' });
    expect(added).toEqual({ member: { user: 'bob', role: 'viewer', createdAt: expect.any(Number), tokens: 0 }, created: true });
    const made = await ada.call('tokens.create', { workspace: 'acme', user: 'bob', label: 'laptop' });
    expect(made.token).toMatch(new RegExp(`^opr_${made.id}_`));
    const bob = connectApi(server, made.token);
    onTestFinished(() => bob.transport.close());
    expect((await bob.client.call('session.whoami', { workspace: 'acme' })).role).toBe('viewer');
    await expect(bob.client.call('members.list', { workspace: 'acme' })).rejects.toMatchObject({ code: 'OPR-256' });

    const listed = await ada.call('tokens.list', { workspace: 'acme' });
    expect(listed.tokens.map((token) => [token.user, token.label])).toEqual([
      ['bob', 'laptop'],
      ['ada', undefined],
    ]);
    const access = await readFile(path.join(dataDir, 'access.json'), 'utf8');
    const secretPart = made.token.split('_')[2] ?? '';
    expect(JSON.stringify(listed)).not.toContain(secretPart);
    expect(access).not.toContain(secretPart);

    await ada.call('tokens.revoke', { workspace: 'acme', id: made.id });
    expect(await createAccessStore(dataDir).principalFor(made.token)).toBeUndefined();
    await ada.call('members.set', { workspace: 'acme', user: 'bob', role: 'editor' });
    expect((await ada.call('members.list', { workspace: 'acme' })).members.map((member) => [member.user, member.role])).toEqual([
      ['ada', 'owner'],
      ['bob', 'editor'],
    ]);
    await ada.call('members.remove', { workspace: 'acme', user: 'bob' });

    const { entries } = await ada.call('audit.list', { workspace: 'acme' });
    expect(entries.map((entry) => [entry.actor, entry.action, entry.target, entry.details])).toEqual([
      ['ada', 'member.changed', 'user:bob', { role: null, from: 'editor' }],
      ['ada', 'member.changed', 'user:bob', { role: 'editor', from: 'viewer' }],
      ['ada', 'token.changed', `token:${made.id}`, { user: 'bob', revoked: true }],
      ['ada', 'token.changed', `token:${made.id}`, { user: 'bob', created: true }],
      ['ada', 'member.changed', 'user:bob', { role: 'viewer', from: null }],
    ]);
    expect(await ada.call('audit.verify', { workspace: 'acme' })).toEqual({ ok: true, entries: 5 });
  });

  it('the last owner can neither be removed nor demoted (OPR-290); with a second owner they can', async () => {
    const { ada, dataDir, adaToken: token } = await ownerOfAcme();
    await expect(ada.call('members.remove', { workspace: 'acme', user: 'ada' })).rejects.toMatchObject({
      code: 'OPR-290',
      message: 'ada is the last owner of workspace acme: make another member an owner first',
    });
    await expect(ada.call('members.set', { workspace: 'acme', user: 'ada', role: 'editor' })).rejects.toMatchObject({ code: 'OPR-290' });
    await expect(ada.call('members.remove', { workspace: 'acme', user: 'zed' })).rejects.toMatchObject({ code: 'OPR-291' });
    await ada.call('members.set', { workspace: 'acme', user: 'cy', role: 'owner' });
    await ada.call('members.set', { workspace: 'acme', user: 'ada', role: 'viewer' });
    // The change holds on ada's open connection at its next call, and for a new connection with her token.
    await expect(ada.call('members.list', { workspace: 'acme' })).rejects.toMatchObject({ code: 'OPR-256' });
    expect(await ada.call('session.whoami', { workspace: 'acme' })).toMatchObject({ role: 'viewer' });
    expect((await createAccessStore(dataDir).principalFor(token))?.roles).toEqual({ acme: 'viewer' });
  });

  it('a role changed, a user removed or a token revoked holds on an open connection at its next call, from the CLI too', async () => {
    const { server, dataDir, ada } = await ownerOfAcme();
    const access = createAccessStore(dataDir);
    await access.setRole('bo', 'acme', 'viewer');
    const made = await access.createToken('bo');
    const bo = connectApi(server, made.token);
    onTestFinished(() => bo.transport.close());
    const save = () =>
      bo.client.call('workflows.save', {
        workspace: 'acme',
        workflow: { schemaVersion: 1, id: 'bo-flow', name: 'Bo', nodes: [], edges: [] },
      });
    await expect(save()).rejects.toMatchObject({ code: 'OPR-256' });
    // Promoted through the API by the owner: bo's open connection may now edit, without reconnecting.
    await ada.call('members.set', { workspace: 'acme', user: 'bo', role: 'editor' });
    await save();
    // Demoted in access.json by another process (the CLI writes the same file).
    await access.setRole('bo', 'acme', 'viewer');
    await expect(save()).rejects.toMatchObject({ code: 'OPR-256' });
    expect(await bo.client.call('workflows.list', { workspace: 'acme' })).toMatchObject({ workflows: [{ id: 'bo-flow' }] });
    await access.revokeToken(made.id);
    await expect(bo.client.call('workflows.list', { workspace: 'acme' })).rejects.toMatchObject({
      code: 'OPR-256',
      message: expect.stringMatching(/token was revoked or the user removed/) as unknown,
    });
  });

  it('a secret set through the API is sealed and listed by name; its value is in no answer, pushed message, log line or file but the vault', async () => {
    const { ada, adaRaw, lines, dataDir } = await ownerOfAcme();
    const value = 'hunter2-very-secret-value';
    expect((await ada.call('secrets.set', { workspace: 'acme', name: 'crm_key', value })).created).toBe(true);
    expect((await ada.call('secrets.set', { workspace: 'acme', name: 'CRM_KEY', value: `${value}-2` })).created).toBe(false);
    const { secrets } = await ada.call('secrets.list', { workspace: 'acme' });
    expect(secrets.map((secret) => secret.name)).toEqual(['CRM_KEY']);
    const root = workspacePaths(dataDir, 'acme').root;
    expect((await stat(path.join(root, 'secrets.json'))).mode & 0o777).toBe(0o600);
    for (const file of await filesUnder(dataDir)) expect(await readFile(file, 'utf8'), file).not.toContain(value);
    expect(adaRaw.join('\n')).not.toContain(value);
    expect(lines.join('\n')).not.toContain(value);
    await ada.call('secrets.delete', { workspace: 'acme', name: 'crm_key' });
    await expect(ada.call('secrets.delete', { workspace: 'acme', name: 'crm_key' })).rejects.toMatchObject({ code: 'OPR-292' });
    expect(
      (await ada.call('audit.list', { workspace: 'acme', actions: ['secret.created', 'secret.changed', 'secret.deleted'] })).entries.map(
        (entry) => entry.action,
      ),
    ).toEqual(['secret.deleted', 'secret.changed', 'secret.created']);
  });

  it('the audit trail pages newest first, exports CSV and JSONL, and verify names the first changed line', async () => {
    const { ada, dataDir } = await ownerOfAcme();
    for (const name of ['one', 'two', 'three']) await ada.call('members.set', { workspace: 'acme', user: name, role: 'viewer' });
    const first = await ada.call('audit.list', { workspace: 'acme', limit: 2 });
    expect(first.entries.map((entry) => entry.target)).toEqual(['user:three', 'user:two']);
    expect(first.more).toBe(true);
    const next = await ada.call('audit.list', { workspace: 'acme', limit: 2, before: first.entries[1]?.seq });
    expect(next).toMatchObject({ entries: [{ target: 'user:one' }], more: false });
    expect((await ada.call('audit.list', { workspace: 'acme', since: Date.now() + 60_000 })).entries).toEqual([]);

    const csv = await ada.call('audit.export', { workspace: 'acme', format: 'csv' });
    expect(csv.fileName).toBe('audit-acme.csv');
    expect(csv.text.split('\r\n')[0]).toBe('seq,at,actor,action,target,details,prev');
    expect(csv.text.split('\r\n')).toHaveLength(5);
    const jsonl = await ada.call('audit.export', { workspace: 'acme', format: 'jsonl' });
    const file = auditPaths(workspacePaths(dataDir, 'acme').root).file;
    expect(jsonl.text).toBe(await readFile(file, 'utf8'));

    const text = await readFile(file, 'utf8');
    await writeFile(file, text.replace('user:two', 'user:tw0'));
    expect(await ada.call('audit.verify', { workspace: 'acme' })).toMatchObject({ ok: false, line: 2 });
  });
});
