import { describe, expect, it } from 'vitest';
import type { NodeDiff } from '../../../src-shared/run-log/compare-runs-schema.ts';
import type { RunListEntry } from '../../../src-shared/api/schemas.ts';
import { defaultPair, nodeDiffers, summarize } from './compare-rows.ts';

const diff = (nodeId: string, rest: Partial<NodeDiff> = {}): NodeDiff => ({
  nodeId,
  statusA: 'succeeded',
  statusB: 'succeeded',
  inputs: 'same',
  outputs: 'same',
  ...rest,
});

describe('nodeDiffers and summarize', () => {
  it('counts nodes whose status, inputs or outputs differ', () => {
    const nodes = [
      diff('same'),
      diff('out', { outputs: 'different' }),
      diff('both', { inputs: 'different', outputs: 'different' }),
      diff('gone', { statusB: null, inputs: 'missing', outputs: 'missing' }),
      diff('failed', { statusB: 'failed' }),
    ];
    expect(nodes.map(nodeDiffers)).toEqual([false, true, true, true, true]);
    expect(summarize(nodes)).toEqual({ nodes: 5, differing: 4, statuses: 2, inputs: 2, outputs: 3 });
  });
});

describe('defaultPair', () => {
  const run = (runId: string): RunListEntry => ({ kind: 'run', runId, workflowId: 'wf', status: 'succeeded' }) as unknown as RunListEntry;

  it('compares the latest run with the one before, skipping damaged runs', () => {
    const damaged: RunListEntry = { kind: 'damaged', runId: 'x', problem: 'unreadable' };
    expect(defaultPair([run('r3'), damaged, run('r2'), run('r1')])).toEqual({ a: 'r2', b: 'r3' });
    expect(defaultPair([run('r1')])).toEqual({ a: undefined, b: 'r1' });
  });
});
