import { readFile } from 'node:fs/promises';
import { describe, expect, it, onTestFinished } from 'vitest';
import type { TestConnection } from './testing/connect.ts';
import { connectUsers } from './testing/named-users.ts';
import { serveForTest, workflowOf } from './testing/test-server.ts';
import { startLoopbackServer } from '../cli/testing/run-cli.ts';
import { workspacePaths } from '../services/data-dir.ts';
import { auditPaths } from '../services/audit/audit-log.ts';
import { AuditEntrySchema, type AuditEntry } from '../services/audit/audit-entry.ts';
import { verifyAudit } from '../services/audit/audit-verify.ts';

// Who acted, decided by the server from each connection's token over the real WebSocket: decisions, approvals that
// need a role or four eyes, and the audit trail the calls leave.

const workspace = 'acme';

/** Saves `start -> ask (Approval with `guard`) -> result` as `id`. */
async function saveApprovalFlow(connection: TestConnection, id: string, guard: Record<string, unknown> = {}): Promise<void> {
  const nodes = [
    { id: 'start', type: 'core.manual-trigger' },
    { id: 'ask', type: 'core.approval', config: { title: 'Refund?', ...guard } },
    { id: 'result', type: 'core.output', config: { name: 'result' } },
  ];
  await connection.client.call('workflows.save', {
    workspace,
    workflow: workflowOf(id, nodes, ['start.out -> ask.in', 'ask.approved -> result.in']),
  });
}

/** Starts the workflow as `starter` and resolves with its id once it waits for a decision. */
async function startWaiting(starter: TestConnection, id: string): Promise<string> {
  const { runId } = await starter.client.call('runs.start', { workspace, workflowId: id });
  await starter.waitForStatus(runId, 'waiting');
  return runId;
}

async function auditEntries(dataDir: string): Promise<AuditEntry[]> {
  const text = await readFile(auditPaths(workspacePaths(dataDir, workspace).root).file, 'utf8');
  return text
    .trim()
    .split('\n')
    .map((line) => AuditEntrySchema.parse(JSON.parse(line)));
}

function codeOf(promise: Promise<unknown>): Promise<string> {
  return promise.then(
    () => 'ok',
    (error: unknown) => (error as { code?: string }).code ?? String(error),
  );
}

describe('actors over the real WebSocket API', () => {
  it("records a named approver as the decider, refuses another name in `by`, and run.json names the run's starter", async () => {
    const served = await serveForTest();
    const { olga, ana } = await connectUsers(served, workspace, { olga: 'operator', ana: 'approver' });
    await saveApprovalFlow(served, 'refund');
    const runId = await startWaiting(olga, 'refund');
    expect((await ana.client.call('runs.get', { workspace, runId })).run.startedBy).toBe('olga');

    const posing = ana.client.call('runs.decide', { workspace, runId, decision: 'approved', by: 'the-boss' });
    await expect(posing).rejects.toMatchObject({ code: 'OPR-270', message: expect.stringContaining('signed in as ana') });
    expect((await ana.client.call('runs.get', { workspace, runId })).run.status).toBe('waiting');

    await ana.client.call('runs.decide', { workspace, runId, decision: 'approved', by: 'ana' });
    await ana.waitForStatus(runId, 'succeeded');
    const { events } = await ana.client.call('runs.events', { workspace, runId });
    const logged = events.find((event) => event.type === 'node.log' && event.nodeId === 'ask');
    expect(logged).toMatchObject({ message: 'approved by ana', data: { by: 'ana' } });
    const decided = (await auditEntries(served.dataDir)).filter((entry) => entry.action === 'approval.decided');
    expect(decided).toMatchObject([{ actor: 'ana', target: `run:${runId}`, details: { decision: 'approved', nodeId: 'ask' } }]);
  });

  it('refuses an approver where the approval requires an owner, and the starter under four-eyes', async () => {
    const served = await serveForTest();
    const { owen, ana, bo } = await connectUsers(served, workspace, { owen: 'owner', ana: 'approver', bo: 'approver' });
    await saveApprovalFlow(owen, 'owners-only', { requireRole: 'owner' });
    await saveApprovalFlow(owen, 'four-eyes', { fourEyes: true });

    const ownersOnly = await startWaiting(owen, 'owners-only');
    const refused = ana.client.call('runs.decide', { workspace, runId: ownersOnly, decision: 'approved' });
    await expect(refused).rejects.toMatchObject({ code: 'OPR-271', message: expect.stringMatching(/owner only; ana is an approver/) });
    expect(await codeOf(owen.client.call('runs.decide', { workspace, runId: ownersOnly, decision: 'approved' }))).toBe('ok');
    await owen.waitForStatus(ownersOnly, 'succeeded');

    const fourEyes = await startWaiting(owen, 'four-eyes');
    const own = owen.client.call('runs.decide', { workspace, runId: fourEyes, decision: 'rejected' });
    await expect(own).rejects.toMatchObject({ code: 'OPR-272', message: expect.stringContaining('owen started this run') });
    expect(await codeOf(bo.client.call('runs.decide', { workspace, runId: fourEyes, decision: 'approved' }))).toBe('ok');
    await bo.waitForStatus(fourEyes, 'succeeded');
    // A run an approver did not start is theirs to decide, four-eyes or not; a refused decision leaves no entry.
    const decided = (await auditEntries(served.dataDir)).filter((entry) => entry.action === 'approval.decided');
    expect(decided.map((entry) => [entry.actor, entry.target])).toEqual([
      ['owen', `run:${ownersOnly}`],
      ['bo', `run:${fourEyes}`],
    ]);
  });

  it('leaves an audit trail of workflow and run calls, in order, with the right actors, that verifies', async () => {
    const served = await serveForTest();
    const { eddie, olga, ana } = await connectUsers(served, workspace, { eddie: 'editor', olga: 'operator', ana: 'approver' });
    const slow = workflowOf(
      'slow',
      [
        { id: 'start', type: 'core.manual-trigger' },
        { id: 'wait', type: 'core.delay', config: { ms: 600_000 } },
      ],
      ['start.out -> wait.in'],
    );
    await eddie.client.call('workflows.save', { workspace, workflow: slow });
    const changed = {
      ...slow,
      nodes: [...slow.nodes, { id: 'done', type: 'core.output', typeVersion: 1, label: 'Done', position: { x: 400, y: 0 }, config: {} }],
      edges: [...slow.edges, { id: 'e2', source: 'wait', sourcePort: 'out', target: 'done', targetPort: 'in' }],
    };
    await eddie.client.call('workflows.save', { workspace, workflow: changed });
    await eddie.client.call('workflows.save', { workspace, workflow: changed }); // the same again: nothing to record
    const moved = { ...changed, nodes: changed.nodes.map((node) => ({ ...node, position: { x: node.position.x, y: 80 } })) };
    await eddie.client.call('workflows.save', { workspace, workflow: moved }); // only moved: nothing either
    const { runId: slowRun } = await olga.client.call('runs.start', { workspace, workflowId: 'slow' });
    await olga.waitForStatus(slowRun, 'running');
    expect(await olga.client.call('runs.cancel', { workspace, runId: slowRun })).toEqual({ cancelled: true });
    await olga.waitForStatus(slowRun, 'cancelled');
    await saveApprovalFlow(eddie, 'refund');
    const waiting = await startWaiting(olga, 'refund');
    await ana.client.call('runs.decide', { workspace, runId: waiting, decision: 'rejected', comment: 'not this one' });
    await ana.waitForStatus(waiting, 'succeeded');
    await eddie.client.call('workflows.delete', { workspace, id: 'slow' });

    const entries = await auditEntries(served.dataDir);
    expect(entries.map((entry) => [entry.action, entry.actor, entry.target])).toEqual([
      ['workflow.created', 'eddie', 'workflow:slow'],
      ['workflow.changed', 'eddie', 'workflow:slow'],
      ['run.started', 'olga', `run:${slowRun}`],
      ['run.cancelled', 'olga', `run:${slowRun}`],
      ['workflow.created', 'eddie', 'workflow:refund'],
      ['run.started', 'olga', `run:${waiting}`],
      ['approval.decided', 'ana', `run:${waiting}`],
      ['workflow.deleted', 'eddie', 'workflow:slow'],
    ]);
    expect(entries[1]?.details).toMatchObject({ summary: 'added "Done"; 1 edge added', nodesAdded: ['Done'] });
    expect(entries[6]?.details).toMatchObject({ decision: 'rejected', nodeId: 'ask', comment: 'not this one' });
    expect(await verifyAudit(workspace, workspacePaths(served.dataDir, workspace).root)).toEqual({ ok: true, entries: 8 });
  });

  it('records a secret read once per run and secret, naming the node, never the value', async () => {
    const secret = 'sk-audit-7f3a9c1e5b2d';
    const served = await serveForTest({ OPERON_SECRET_TOKEN: secret, OPERON_SECRET_OTHER: 'unused-other-value' });
    const api = await startLoopbackServer(() => ({ status: 200, body: { ok: true } }));
    onTestFinished(() => api.close());
    const { olga } = await connectUsers(served, workspace, { olga: 'operator' });
    const call = (path: string) => ({
      type: 'core.http-request',
      config: { url: `${api.url}/${path}`, headers: { Authorization: "Bearer {{ $secret('TOKEN') }}" } },
    });
    const nodes = [
      { id: 'start', type: 'core.manual-trigger' },
      { id: 'first', ...call('a') },
      { id: 'second', ...call('b') },
    ];
    await served.client.call('workflows.save', {
      workspace,
      workflow: workflowOf('twice', nodes, ['start.out -> first.in', 'first.out -> second.in']),
    });
    const runs: string[] = [];
    for (let n = 0; n < 2; n += 1) {
      const { runId } = await olga.client.call('runs.start', { workspace, workflowId: 'twice' });
      await olga.waitForStatus(runId, 'succeeded');
      runs.push(runId);
    }
    expect(api.requests).toHaveLength(4);
    const reads = (await auditEntries(served.dataDir)).filter((entry) => entry.action === 'secret.read');
    expect(reads.map((entry) => [entry.actor, entry.target, entry.details])).toEqual(
      runs.map((runId) => ['olga', 'secret:TOKEN', { runId, nodeId: 'first' }]),
    );
    const file = await readFile(auditPaths(workspacePaths(served.dataDir, workspace).root).file, 'utf8');
    expect(file).not.toContain(secret);
    expect(file).not.toContain(Buffer.from(secret).toString('base64'));
  });
});
