import { describe, expect, it } from 'vitest';
import { OperonError } from '../../errors/operon-error.ts';
import { runTestNode } from '../test-context.ts';
import { subWorkflow } from './sub-workflow.ts';

describe('core.sub-workflow', () => {
  const echo = (ref: string, inputs: Record<string, unknown>): Promise<Record<string, unknown>> => Promise.resolve({ ref, got: inputs });

  it('passes the input as the child inputs and emits its outputs', async () => {
    const { outputs } = await runTestNode(subWorkflow, { config: { workflow: 'child.json' }, inputs: { in: { q: 1 } }, runWorkflow: echo });
    expect(outputs).toEqual({ out: { ref: 'child.json', got: { q: 1 } } });
  });

  it('builds the child inputs with an expression, or {} without an input', async () => {
    const mapped = await runTestNode(subWorkflow, {
      config: { workflow: 'c.json', inputs: '{ "query": q & "!", "user": $run.user }' },
      inputs: { in: { q: 'hi' } },
      runInputs: { user: 'ada' },
      runWorkflow: echo,
    });
    expect(mapped.outputs.out).toEqual({ ref: 'c.json', got: { query: 'hi!', user: 'ada' } });
    const empty = await runTestNode(subWorkflow, { config: { workflow: 'c.json' }, runWorkflow: echo });
    expect(empty.outputs.out).toEqual({ ref: 'c.json', got: {} });
  });

  it('refuses an inputs expression that is not an object', async () => {
    await expect(runTestNode(subWorkflow, { config: { workflow: 'c.json', inputs: '[1]' }, runWorkflow: echo })).rejects.toMatchObject({
      code: 'OPR-107',
    });
  });

  it('wraps a plain child failure as OPR-111 and keeps coded ones', async () => {
    const plain = runTestNode(subWorkflow, { config: { workflow: 'c.json' }, runWorkflow: () => Promise.reject(new Error('boom')) });
    await expect(plain).rejects.toMatchObject({ code: 'OPR-111', message: 'sub-workflow c.json failed: boom' });
    const coded = new OperonError('OPR-108', 'http down', { retryable: true });
    await expect(runTestNode(subWorkflow, { config: { workflow: 'c.json' }, runWorkflow: () => Promise.reject(coded) })).rejects.toBe(
      coded,
    );
  });
});
