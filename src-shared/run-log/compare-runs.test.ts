import { describe, expect, it } from 'vitest';
import { compareRuns } from './compare-runs.ts';
import { eventLog, finished, started } from './testing/event-log.ts';

const ref = (hash: string, bytes = 5000) => ({ $ref: `values/${hash.repeat(64)}.json`, bytes });

/** trigger -> double (-> out), with `n` as the run input; `extra` adds a node only this run has. */
function run(runId: string, n: number, options: { extra?: boolean; fail?: boolean } = {}) {
  const log = eventLog(runId);
  log.add(0, started({ n }));
  log.add(1, { type: 'node.started', nodeId: 'start', attempt: 1, inputs: {} });
  log.add(2, { type: 'node.finished', nodeId: 'start', status: 'succeeded', outputs: { out: { n } }, durationMs: 1, attempts: 1 });
  log.add(3, { type: 'node.started', nodeId: 'double', attempt: 1, inputs: { in: { n } } });
  if (options.fail === true)
    log.add(4, { type: 'node.finished', nodeId: 'double', status: 'failed', outputs: {}, durationMs: 1, attempts: 1 });
  else log.add(4, { type: 'node.finished', nodeId: 'double', status: 'succeeded', outputs: { out: n * 2 }, durationMs: 1, attempts: 1 });
  if (options.extra === true) log.add(5, { type: 'node.skipped', nodeId: 'extra', reason: 'disabled' });
  log.add(6, finished(options.fail === true ? 'failed' : 'succeeded'));
  return log.events;
}

describe('compareRuns', () => {
  it('finds the nodes whose inputs or outputs changed with the run inputs', () => {
    expect(compareRuns(run('a', 1), run('b', 2))).toEqual([
      { nodeId: 'start', statusA: 'succeeded', statusB: 'succeeded', inputs: 'same', outputs: 'different' },
      { nodeId: 'double', statusA: 'succeeded', statusB: 'succeeded', inputs: 'different', outputs: 'different' },
    ]);
    expect(compareRuns(run('a', 1), run('b', 1)).every((diff) => diff.inputs === 'same' && diff.outputs === 'same')).toBe(true);
  });

  it('lists nodes of either run, those only in B last; a missing value is "missing"', () => {
    const diffs = compareRuns(run('a', 1), run('b', 1, { extra: true, fail: true }));
    expect(diffs.map((diff) => diff.nodeId)).toEqual(['start', 'double', 'extra']);
    expect(diffs[1]).toMatchObject({ statusA: 'succeeded', statusB: 'failed', outputs: 'different' });
    expect(diffs[2]).toEqual({ nodeId: 'extra', statusA: null, statusB: 'skipped', inputs: 'same', outputs: 'same' });
    const noOutputs = compareRuns(run('a', 1), run('b', 1, { fail: true }).slice(0, 4));
    expect(noOutputs[1]).toMatchObject({ statusB: 'running', outputs: 'missing' });
  });

  it('takes an override as the final inputs, a pause’s inputs when the node never started, and reused outputs', () => {
    const a = eventLog('a');
    a.add(0, started());
    a.add(1, { type: 'node.paused', nodeId: 'x', reason: 'step', inputs: { n: 1 } });
    a.add(2, { type: 'node.reused', nodeId: 'y', outputs: { out: 1 }, from: { kind: 'pin' } });
    const b = eventLog('b');
    b.add(0, started());
    b.add(1, { type: 'node.paused', nodeId: 'x', reason: 'step', inputs: { n: 1 } });
    b.add(2, { type: 'node.override', nodeId: 'x', inputs: { n: 5 }, by: 'ana' });
    b.add(3, { type: 'node.finished', nodeId: 'y', status: 'succeeded', outputs: { out: 1 }, durationMs: 1, attempts: 1 });
    expect(compareRuns(a.events, b.events)).toEqual([
      { nodeId: 'x', statusA: 'paused', statusB: 'paused', inputs: 'different', outputs: 'same' },
      { nodeId: 'y', statusA: 'reused', statusB: 'succeeded', inputs: 'same', outputs: 'same' },
    ]);
  });

  it('compares by content regardless of key order, and large values by their stored hash', () => {
    const withOutputs = (runId: string, outputs: Record<string, unknown>) => {
      const log = eventLog(runId);
      log.add(0, started());
      log.add(1, { type: 'node.finished', nodeId: 'n', status: 'succeeded', outputs, durationMs: 1, attempts: 1 });
      return log.events;
    };
    const outputs = (a: unknown, b: unknown) => compareRuns(withOutputs('a', a as never), withOutputs('b', b as never))[0]?.outputs;
    expect(outputs({ out: { x: 1, y: 2 } }, { out: { y: 2, x: 1 } })).toBe('same');
    expect(outputs({ out: ref('a', 5000) }, { out: ref('a', 5001) })).toBe('same');
    expect(outputs({ out: ref('a') }, { out: ref('b') })).toBe('different');
    expect(outputs({ out: [ref('a')] }, { out: [ref('a')] })).toBe('same');
  });
});
