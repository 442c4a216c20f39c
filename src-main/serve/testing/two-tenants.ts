import { onTestFinished } from 'vitest';
import { createAccessStore } from '../../services/access/access-store.ts';
import type { Role } from '../../../src-shared/api/permissions.ts';
import { connectApi, type TestConnection } from './connect.ts';
import { serveForTest, workflowOf, type ServedForTest } from './test-server.ts';

/**
 * One data folder, two tenants: `acme` and `globex`. `served` is the server's own client (local owner, may act in
 * both); `ada` is a named user who is a member of `acme` only (owner there by default, so only isolation, never her
 * role, can stop her).
 */
export interface TwoTenants {
  served: ServedForTest;
  ada: TestConnection;
}

export async function twoTenants(env: NodeJS.ProcessEnv = {}, role: Role = 'owner'): Promise<TwoTenants> {
  const served = await serveForTest(env);
  const access = createAccessStore(served.dataDir);
  await access.setRole('ada', 'acme', role);
  const { token } = await access.createToken('ada');
  const ada = connectApi(served.server, token);
  onTestFinished(() => ada.transport.close());
  return { served, ada };
}

/** A workflow `start -> <node> -> result` (from the node's port `out`, default `out`) saved in `workspace` (through the server's own client). */
export async function saveChain(
  served: ServedForTest,
  workspace: string,
  id: string,
  node: { type: string; config?: Record<string, unknown>; out?: string; settings?: Record<string, unknown> },
  inputs?: Parameters<typeof workflowOf>[3],
): Promise<void> {
  const { out = 'out', ...step } = node;
  const nodes = [
    { id: 'start', type: 'core.manual-trigger' },
    { id: 'step', ...step },
    { id: 'result', type: 'core.output', config: { name: 'result' } },
  ];
  await served.client.call('workflows.save', {
    workspace,
    workflow: workflowOf(id, nodes, ['start.out -> step.in', `step.${out} -> result.in`], inputs),
  });
}

/** Starts a saved workflow in `workspace` as `connection`, watches it, and waits for the watch to end (the run ended). */
export async function runToEnd(
  connection: TestConnection,
  workspace: string,
  workflowId: string,
  inputs: Record<string, unknown> = {},
): Promise<{ runId: string; status: string; error?: { code?: string | undefined; message: string } | undefined }> {
  const { runId } = await connection.client.call('runs.start', { workspace, workflowId, inputs });
  await connection.client.call('runs.watch', { workspace, runId, fromSeq: 0 });
  await connection.waitForWatchEnd(runId);
  const { run } = await connection.client.call('runs.get', { workspace, runId });
  const failed = connection.runEvents.find((payload) => payload.runId === runId && payload.event.type === 'node.error');
  const error = failed?.event.type === 'node.error' ? { code: failed.event.error.code, message: failed.event.error.message } : undefined;
  return { runId, status: run.status, error };
}

/** The code (or message) a call failed with; 'ok' when it did not fail. */
export async function refusal(call: Promise<unknown>): Promise<string> {
  try {
    await call;
    return 'ok';
  } catch (error) {
    return (error as { code?: string }).code ?? String(error);
  }
}
