import { WebSocket } from 'ws';
import { describe, expect, it, onTestFinished } from 'vitest';
import { API_PATH, API_SUBPROTOCOL } from '../../src-shared/api/protocol.ts';
import { CALL_NAMES, type CallName } from '../../src-shared/api/contract.ts';
import { CALL_PERMISSIONS, ROLE_PERMISSIONS, ROLES, type Role } from '../../src-shared/api/permissions.ts';
import { createAccessStore } from '../services/access/access-store.ts';
import { connectApi, type TestConnection } from './testing/connect.ts';
import { serveForTest } from './testing/test-server.ts';

// Roles are enforced by the server on every call, over the real WebSocket: for each role and each call of the
// contract, the call is refused with OPR-256 exactly when the role lacks the permission, and otherwise reaches the
// call itself (which may still fail on its input: a missing run is not a refusal). The editor hides what a role cannot
// do, but this is what decides.

/** An input for every call (the type makes a new call without one fail to compile); ids may name nothing. */
const INPUTS: Record<CallName, Record<string, unknown>> = {
  'workspaces.list': {},
  'workflows.list': {},
  'workflows.open': { id: 'nothing' },
  'workflows.save': { workflow: { schemaVersion: 1, id: 'saved', name: 'Saved', nodes: [], edges: [] } },
  'workflows.rename': { id: 'nothing', name: 'Renamed' },
  'workflows.delete': { id: 'nothing' },
  'workflows.import': { text: '{}' },
  'workflows.export': { id: 'nothing' },
  'examples.list': {},
  'examples.copy': { id: 'diamond' },
  'workflows.validate': { workflow: {} },
  'nodeTypes.catalogue': {},
  'providers.list': {},
  'runs.start': { workflowId: 'nothing' },
  'runs.resume': { runId: 'nothing', action: 'continue' },
  'runs.breakpoints': { runId: 'nothing', breakpoints: [] },
  'runs.cancel': { runId: 'nothing' },
  'runs.decide': { runId: 'nothing', decision: 'approved', by: 'someone' },
  'runs.continueInterrupted': { runId: 'nothing' },
  'runs.list': {},
  'runs.get': { runId: 'nothing' },
  'runs.watch': { runId: 'nothing' },
  'runs.unwatch': { runId: 'nothing' },
  'runs.events': { runId: 'nothing' },
  'runs.trace': { runId: 'nothing', nodeId: 'n' },
  'runs.value': { runId: 'nothing', ref: `values/${'a'.repeat(64)}.json` },
  'runs.timeline': { runId: 'nothing' },
  'runs.compare': { a: 'nothing', b: 'nothing2' },
  'approvals.list': {},
  'pins.list': { workflowId: 'nothing' },
  'pins.set': { workflowId: 'nothing', nodeId: 'n', outputs: { out: 1 } },
  'pins.remove': { workflowId: 'nothing', nodeId: 'n' },
  'triggers.list': {},
  'triggers.setActive': { workflowId: 'nothing', active: true },
  'triggers.log': {},
  'session.whoami': {},
  'members.list': {},
  'members.set': { user: 'someone', role: 'viewer' },
  'members.remove': { user: 'nobody' },
  'tokens.list': {},
  'tokens.create': { user: 'nobody' },
  'tokens.revoke': { id: '000000000000' },
  'secrets.list': {},
  'secrets.set': { name: 'MATRIX', value: 'v' },
  'secrets.delete': { name: 'NOTHING' },
  'audit.list': {},
  'audit.verify': {},
  'audit.export': { format: 'jsonl' },
  'policy.get': {},
  'policy.set': { policy: { http: { allowPrivateNetworks: true } } },
};

async function outcome(connection: TestConnection, call: CallName, workspace: string): Promise<string> {
  try {
    await connection.client.call(call, { workspace, ...INPUTS[call] });
    return 'ok';
  } catch (error) {
    return (error as { code?: string }).code ?? String(error);
  }
}

describe('roles over the real WebSocket API', () => {
  it('every role × every call: refused with OPR-256 exactly when the role lacks the permission', async () => {
    const { server, dataDir } = await serveForTest();
    const access = createAccessStore(dataDir);
    const connections = new Map<Role, TestConnection>();
    for (const role of ROLES) {
      await access.setRole(`user-${role}`, 'acme', role);
      const { token } = await access.createToken(`user-${role}`);
      const connection = connectApi(server, token);
      onTestFinished(() => connection.transport.close());
      connections.set(role, connection);
    }
    const cells: string[] = [];
    for (const role of ROLES) {
      for (const call of CALL_NAMES) {
        const allowed = ROLE_PERMISSIONS[role].includes(CALL_PERMISSIONS[call]);
        const got = await outcome(connections.get(role)!, call, 'acme');
        if ((got === 'OPR-256') === allowed) cells.push(`${role} ${call}: ${allowed ? 'allowed' : 'refused'} expected, got ${got}`);
      }
    }
    expect(cells).toEqual([]);
  });

  it('a user with no role in a workspace is refused there, sees only their workspaces, and gets no events of others', async () => {
    const { server, dataDir, client } = await serveForTest();
    const access = createAccessStore(dataDir);
    await access.setRole('ada', 'acme', 'owner');
    const { token } = await access.createToken('ada');
    const ada = connectApi(server, token);
    onTestFinished(() => ada.transport.close());
    await client.call('workflows.save', { workspace: 'globex', workflow: { schemaVersion: 1, id: 'w', name: 'W', nodes: [], edges: [] } });
    await expect(ada.client.call('workflows.list', { workspace: 'globex' })).rejects.toMatchObject({
      code: 'OPR-256',
      message: 'ada is not a member of workspace globex',
    });
    await ada.client.call('workflows.save', {
      workspace: 'acme',
      workflow: { schemaVersion: 1, id: 'w', name: 'W', nodes: [], edges: [] },
    });
    expect((await ada.client.call('workspaces.list', {})).workspaces.map((workspace) => workspace.id)).toEqual(['acme']);
    expect((await client.call('workspaces.list', {})).workspaces.map((workspace) => workspace.id)).toContain('globex');
  });

  it('a revoked or made-up token is refused at the door with 401', async () => {
    const { server, dataDir } = await serveForTest();
    const access = createAccessStore(dataDir);
    await access.setRole('bob', 'acme', 'viewer');
    const { id, token } = await access.createToken('bob');
    expect(await upgradeStatus(server.port, token)).toBe(101);
    await access.revokeToken(id);
    for (const refused of [token, `opr_${'0'.repeat(12)}_${'A'.repeat(43)}`, 'not-a-token'])
      expect(await upgradeStatus(server.port, refused)).toBe(401);
  });
});

/** The status the server answers a WebSocket upgrade offering `token` with: 101 when it is taken. */
function upgradeStatus(port: number, token: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`ws://127.0.0.1:${port}${API_PATH}`, [API_SUBPROTOCOL, `${API_SUBPROTOCOL}.${token}`]);
    socket.once('open', () => {
      socket.close();
      resolve(101);
    });
    socket.once('unexpected-response', (_request, response) => {
      resolve(response.statusCode ?? 0);
      socket.terminate();
    });
    socket.once('error', reject);
  });
}
