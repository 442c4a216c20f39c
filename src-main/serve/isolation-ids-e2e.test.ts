import { describe, expect, it } from 'vitest';
import type { CallName } from '../../src-shared/api/contract.ts';
import { refusal, runToEnd, saveChain, twoTenants } from './testing/two-tenants.ts';

// Issue 14, isolation: ids that exist only in globex, asked for in acme, over the real WebSocket API. Ada is acme's
// owner (every call allowed there), so nothing but the workspace boundary stands between her and globex's data.

describe("globex's ids asked for in acme", () => {
  it('every run call naming a globex run, workflow or pin answers as if it did not exist', async () => {
    const { served, ada } = await twoTenants();
    await saveChain(served, 'globex', 'payroll', { type: 'core.transform', config: { expression: "{ 'salary': 91000 }" } });
    await saveChain(served, 'globex', 'signoff', { type: 'core.approval', config: { title: 'Globex sign-off' }, out: 'approved' });
    const done = await runToEnd(served, 'globex', 'payroll');
    expect(done.status).toBe('succeeded');
    const { runId: waiting } = await served.client.call('runs.start', { workspace: 'globex', workflowId: 'signoff' });
    await served.waitForStatus(waiting, 'waiting');
    await served.client.call('pins.set', { workspace: 'globex', workflowId: 'payroll', nodeId: 'step', outputs: { out: 1 } });
    // A run of acme's own, for the comparison with one run in each workspace.
    await saveChain(served, 'acme', 'mine', { type: 'core.transform', config: { expression: '1' } });
    const mine = await runToEnd(ada, 'acme', 'mine');

    const calls: [CallName, Record<string, unknown>][] = [
      ['runs.get', { runId: done.runId }],
      ['runs.events', { runId: done.runId }],
      ['runs.trace', { runId: done.runId, nodeId: 'step' }],
      ['runs.timeline', { runId: done.runId }],
      ['runs.value', { runId: done.runId, ref: `values/${'a'.repeat(64)}.json` }],
      ['runs.compare', { a: mine.runId, b: done.runId }],
      ['runs.compare', { a: done.runId, b: mine.runId }],
      ['runs.watch', { runId: waiting }],
      ['runs.decide', { runId: waiting, decision: 'approved', by: 'ada' }],
      ['runs.resume', { runId: waiting, action: 'continue' }],
      ['runs.continueInterrupted', { runId: done.runId }],
      ['runs.start', { workflowId: 'payroll' }],
      ['workflows.open', { id: 'payroll' }],
      ['workflows.export', { id: 'payroll' }],
      ['workflows.rename', { id: 'payroll', name: 'Mine now' }],
      ['workflows.delete', { id: 'payroll' }],
      ['pins.set', { workflowId: 'payroll', nodeId: 'step', fromRunId: done.runId }],
    ];
    // Each is answered exactly as an id that exists nowhere is (the same code and message, the id aside): acme
    // cannot even learn that globex has such a run or workflow.
    const globexIds = [done.runId, waiting, 'payroll'];
    const answer = async (call: CallName, input: Record<string, unknown>): Promise<string> => {
      const error = await ada.client.call(call, { workspace: 'acme', ...input }).then(
        () => undefined,
        (failed: unknown) => failed as { code?: string; message: string },
      );
      return `${call} ${error?.code ?? 'ok'} ${error?.message ?? ''}`;
    };
    const made = (input: Record<string, unknown>): Record<string, unknown> =>
      JSON.parse(globexIds.reduce((text, id) => text.replaceAll(id, 'nowhere-1'), JSON.stringify(input))) as Record<string, unknown>;
    const mismatches: string[] = [];
    for (const [call, input] of calls) {
      const got = globexIds.reduce((text, id) => text.replaceAll(id, 'nowhere-1'), await answer(call, input));
      const nowhere = await answer(call, made(input));
      if (got !== nowhere || got.includes(' ok ')) mismatches.push(`${got} | for an id nowhere: ${nowhere}`);
    }
    expect(mismatches).toEqual([]);
    expect(await answer('runs.get', { runId: done.runId })).toBe(`runs.get OPR-150 Run not found: ${done.runId}`);
    expect(await answer('workflows.open', { id: 'payroll' })).toMatch(/^workflows.open OPR-161 /);

    // A globex run going on is not cancelled from acme: the answer says nothing was.
    await saveChain(served, 'globex', 'slow', { type: 'core.delay', config: { ms: 60_000 } });
    const { runId: going } = await served.client.call('runs.start', { workspace: 'globex', workflowId: 'slow' });
    await served.waitForStatus(going, 'running');
    for (const runId of [going, waiting])
      expect(await ada.client.call('runs.cancel', { workspace: 'acme', runId })).toEqual({ cancelled: false });
    expect((await served.client.call('runs.get', { workspace: 'globex', runId: going })).run.status).toBe('running');
    expect(await served.client.call('runs.cancel', { workspace: 'globex', runId: going })).toEqual({ cancelled: true });

    // What acme can list holds nothing of globex's.
    const listed = JSON.stringify([
      await ada.client.call('runs.list', { workspace: 'acme' }),
      await ada.client.call('workflows.list', { workspace: 'acme' }),
      await ada.client.call('approvals.list', { workspace: 'acme' }),
      await ada.client.call('pins.list', { workspace: 'acme', workflowId: 'payroll' }),
    ]);
    for (const globex of [done.runId, waiting, 'payroll', 'signoff', 'Globex sign-off', '91000']) expect(listed).not.toContain(globex);

    // Globex's data is untouched: its run still waits, its workflow and pin are there.
    expect((await served.client.call('runs.get', { workspace: 'globex', runId: waiting })).run.status).toBe('waiting');
    expect((await served.client.call('workflows.open', { workspace: 'globex', id: 'payroll' })).workflow.name).toBe('payroll');
    expect(Object.keys((await served.client.call('pins.list', { workspace: 'globex', workflowId: 'payroll' })).pins)).toEqual(['step']);
    expect((await served.client.call('approvals.list', { workspace: 'globex' })).approvals).toHaveLength(1);
  });

  it('every call naming globex is refused for an acme member, and no globex run reaches her, whatever she watches', async () => {
    const { served, ada } = await twoTenants();
    await saveChain(served, 'globex', 'payroll', { type: 'core.transform', config: { expression: "{ 'salary': 91000 }" } });
    await saveChain(served, 'acme', 'mine', { type: 'core.transform', config: { expression: "{ 'mine': true }" } });
    expect(await refusal(ada.client.call('runs.list', { workspace: 'globex' }))).toBe('OPR-256');
    expect(await refusal(ada.client.call('runs.start', { workspace: 'globex', workflowId: 'payroll' }))).toBe('OPR-256');
    // Ada watches everything acme has while globex runs (a run of her own, watched, in between).
    const mine = await runToEnd(ada, 'acme', 'mine');
    const globex = await runToEnd(served, 'globex', 'payroll');
    await runToEnd(ada, 'acme', 'mine');
    expect(globex.status).toBe('succeeded');
    expect(await refusal(ada.client.call('runs.watch', { workspace: 'globex', runId: globex.runId }))).toBe('OPR-256');
    expect(await refusal(ada.client.call('runs.watch', { workspace: 'acme', runId: globex.runId }))).not.toBe('ok');
    // The server's own client saw globex's run pushed; ada's socket never carried it, in any message.
    expect(served.rawMessages.some((message) => message.includes(globex.runId))).toBe(true);
    const pushed = ada.rawMessages.filter((message) => message.startsWith('{"event"'));
    expect(pushed.some((message) => message.includes(mine.runId))).toBe(true);
    expect(pushed.filter((message) => message.includes(globex.runId) || message.includes('91000'))).toEqual([]);
    // Her refused calls name no more than what she asked for.
    expect(ada.rawMessages.filter((message) => message.includes('91000'))).toEqual([]);
  });
});

describe('a workflow id both workspaces have', () => {
  it("acme cannot take globex's run outputs into a partial run or a pin of its own workflow of the same id", async () => {
    const { served, ada } = await twoTenants();
    const chain = (expression: string) => ({ type: 'core.transform', config: { expression } });
    await saveChain(served, 'globex', 'report', chain("{ 'salary': 91000 }"));
    await saveChain(served, 'acme', 'report', chain("{ 'salary': 1 }"));
    const globex = await runToEnd(served, 'globex', 'report');
    expect(globex.status).toBe('succeeded');
    const partial = ada.client.call('runs.start', {
      workspace: 'acme',
      workflowId: 'report',
      from: { runId: globex.runId, nodeId: 'result' },
    });
    await expect(partial).rejects.toMatchObject({ code: 'OPR-150' });
    const pin = ada.client.call('pins.set', { workspace: 'acme', workflowId: 'report', nodeId: 'step', fromRunId: globex.runId });
    await expect(pin).rejects.toMatchObject({ code: 'OPR-150' });
    expect((await ada.client.call('pins.list', { workspace: 'acme', workflowId: 'report' })).pins).toEqual({});
    expect(ada.rawMessages.filter((message) => message.includes('91000'))).toEqual([]);
  });
});
