import { describe, expect, it } from 'vitest';
import { createTestContext, runTestNode, WaitingForDecisionError } from '../test-context.ts';
import { approval } from './approval.ts';

const proposal = { to: 'ada@example.com', amount: 120 };

describe('core.approval', () => {
  it('asks for a decision, with the message filled from the input', async () => {
    const { context, recording } = createTestContext(approval, {
      config: { title: 'Refund?', message: 'Refund {{ amount }} EUR to {{ to }}' },
      inputs: { in: proposal },
    });
    await expect(approval.run(context)).rejects.toBeInstanceOf(WaitingForDecisionError);
    expect(recording.approvals).toEqual([{ title: 'Refund?', message: 'Refund 120 EUR to ada@example.com', data: proposal }]);
  });

  it('emits the edited value on "approved"', async () => {
    const { outputs, logs, approvals } = await runTestNode(approval, {
      inputs: { in: proposal },
      decision: { decision: 'approved', by: 'bob', at: 1, value: { ...proposal, amount: 100 } },
    });
    expect(outputs).toEqual({ approved: { to: 'ada@example.com', amount: 100 } });
    expect(approvals).toEqual([]);
    expect(logs).toEqual([expect.objectContaining({ level: 'info', message: 'approved by bob' })]);
  });

  it('emits the input on "approved" when not edited', async () => {
    const { outputs } = await runTestNode(approval, { inputs: { in: proposal }, decision: { decision: 'approved', by: 'bob', at: 1 } });
    expect(outputs).toEqual({ approved: proposal });
  });

  it('emits value, comment and who on "rejected"', async () => {
    const { outputs, logs } = await runTestNode(approval, {
      inputs: { in: proposal },
      decision: { decision: 'rejected', by: 'carol', at: 2, comment: 'too much' },
    });
    expect(outputs).toEqual({ rejected: { value: proposal, comment: 'too much', by: 'carol' } });
    expect(logs[0]?.data).toMatchObject({ decision: 'rejected', by: 'carol', comment: 'too much' });
  });
});
