import { onTestFinished } from 'vitest';
import type { Role } from '../../../src-shared/api/permissions.ts';
import { createAccessStore } from '../../services/access/access-store.ts';
import { connectApi, type TestConnection } from './connect.ts';
import type { ServedForTest } from './test-server.ts';

/** Makes each user a member of `workspace` with their role and connects them with their own token (closed after the test). */
export async function connectUsers<U extends string>(
  served: ServedForTest,
  workspace: string,
  users: Record<U, Role>,
): Promise<Record<U, TestConnection>> {
  const access = createAccessStore(served.dataDir);
  const connections = {} as Record<U, TestConnection>;
  for (const [user, role] of Object.entries(users) as [U, Role][]) {
    await access.setRole(user, workspace, role);
    const { token } = await access.createToken(user);
    const connection = connectApi(served.server, token);
    onTestFinished(() => connection.transport.close());
    connections[user] = connection;
  }
  return connections;
}
