import { describe, expect, it } from 'vitest';
import type { RunInfo } from '../services/run-log/run-reader.ts';
import { checkDecider } from './approval-check.ts';

/** A waiting run whose workflow snapshot has one node `ask` of `type` with `config`, started by `startedBy`. */
function waitingRun(type: string, config: Record<string, unknown>, startedBy?: string): RunInfo {
  return {
    runId: 'r1',
    status: 'waiting',
    ...(startedBy === undefined ? {} : { startedBy }),
    workflow: { nodes: [{ id: 'ask', type, label: 'Sign off', config }] },
  } as unknown as RunInfo;
}

const codeOf = (check: () => unknown): string | undefined => {
  try {
    check();
    return undefined;
  } catch (error) {
    return (error as { code?: string }).code;
  }
};

describe('checkDecider', () => {
  it("refuses a role below the node's Required role, on an Approval node and an Agent's tool approvals alike", () => {
    for (const type of ['core.approval', 'core.agent']) {
      const run = waitingRun(type, { requireRole: 'owner' });
      expect(codeOf(() => checkDecider(run, 'ask', { by: 'ana', role: 'approver' }))).toBe('OPR-271');
      expect(checkDecider(run, 'ask', { by: 'owen', role: 'owner' })).toBe('Sign off');
    }
    const approvers = waitingRun('core.approval', { requireRole: 'approver' });
    expect(codeOf(() => checkDecider(approvers, 'ask', { by: 'ana', role: 'approver' }))).toBeUndefined();
    expect(codeOf(() => checkDecider(approvers, 'ask', { by: 'vic', role: 'viewer' }))).toBe('OPR-271');
  });

  it('refuses the starter under four-eyes, and lets them decide without it', () => {
    expect(codeOf(() => checkDecider(waitingRun('core.approval', { fourEyes: true }, 'ana'), 'ask', { by: 'ana' }))).toBe('OPR-272');
    expect(codeOf(() => checkDecider(waitingRun('core.approval', { fourEyes: true }, 'ana'), 'ask', { by: 'bo' }))).toBeUndefined();
    expect(codeOf(() => checkDecider(waitingRun('core.approval', {}, 'ana'), 'ask', { by: 'ana' }))).toBeUndefined();
    // A triggered run was started by no person: anyone who may approve decides it.
    expect(
      codeOf(() => checkDecider(waitingRun('core.approval', { fourEyes: true }, 'trigger:webhook'), 'ask', { by: 'ana' })),
    ).toBeUndefined();
  });

  it('takes the local setup (no role given) as the owner', () => {
    expect(codeOf(() => checkDecider(waitingRun('core.approval', { requireRole: 'owner' }), 'ask', { by: 'me' }))).toBeUndefined();
  });
});
