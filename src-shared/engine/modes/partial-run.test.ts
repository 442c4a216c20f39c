import { beforeEach, describe, expect, it } from 'vitest';
import { createRegistry } from '../../nodes/registry.ts';
import type { Workflow } from '../../workflow/schema.ts';
import type { RunRequest } from '../api.ts';
import { createEngine } from '../engine.ts';
import type { EngineEvent } from '../events.ts';
import { planPartialRun } from './partial-run.ts';
import { buildWorkflow } from '../testing/build-workflow.ts';
import { createMemoryServices } from '../testing/memory-services.ts';
import { calls, testNodeTypes } from '../testing/test-node-types.ts';
import { output } from '../../nodes/types/output.ts';

const registry = createRegistry(testNodeTypes);

beforeEach(() => calls.clear());

/** a(3) -> b(x2) -> c(x2), a -> side, branch(yes) -> taken / not. */
const workflow = (aValue = 3, extraNodes: Parameters<typeof buildWorkflow>[1] = [], extraEdges: string[] = []) =>
  buildWorkflow(
    registry,
    [
      { id: 'a', type: 'test.value', config: { value: aValue } },
      { id: 'b', type: 'test.number' },
      { id: 'c', type: 'test.number' },
      { id: 'side', type: 'test.value' },
      ...extraNodes,
    ],
    ['a.out -> b.n', 'b.out -> c.n', 'a.out -> side.in', ...extraEdges],
  );

async function run(wf: Workflow, extra: Partial<RunRequest> = {}) {
  const events: EngineEvent[] = [];
  const handle = createEngine({ registry, services: createMemoryServices() }).run({
    workflow: wf,
    inputs: {},
    trigger: { type: 'test' },
    onEvent: (e) => events.push(e),
    ...extra,
  });
  const result = await handle.result;
  return { result, events, runId: handle.runId };
}

const startedIds = (events: EngineEvent[]) => events.filter((e) => e.type === 'node.started').map((e) => (e as { nodeId: string }).nodeId);
const finishedOutputs = (events: EngineEvent[], id: string) =>
  (events.find((e) => e.type === 'node.finished' && e.nodeId === id) as { outputs: unknown } | undefined)?.outputs;

describe('partial runs', () => {
  it('from a node: re-runs it and what is downstream; upstream nodes reuse the past outputs and do not execute', async () => {
    const wf = workflow();
    const past = await run(wf);
    expect(past.result.status).toBe('succeeded');
    calls.clear();
    const plan = planPartialRun({ workflow: wf, fromNode: 'b', past: { runId: past.runId, workflow: wf, events: past.events } });
    expect(plan.reused.sort()).toEqual(['a', 'side']);
    expect(plan.rerun).toEqual([]);
    const again = await run(wf, plan.request);
    expect(again.result.status).toBe('succeeded');
    expect(startedIds(again.events)).toEqual(['b', 'c']);
    expect(calls.get('a')).toBeUndefined();
    expect(finishedOutputs(again.events, 'c')).toEqual({ out: 12 });
    expect(again.events.filter((e) => e.type === 'node.reused')).toEqual([
      expect.objectContaining({ nodeId: 'a', outputs: { out: 3 }, from: { kind: 'run', runId: past.runId } }),
      expect.objectContaining({ nodeId: 'side', outputs: { out: 3 } }),
    ]);
    expect(again.events[0]).toMatchObject({ type: 'run.started', partial: { fromRunId: past.runId, fromNode: 'b' } });
    expect(again.result.totals).toMatchObject({ reused: 2, succeeded: 2, executions: 2 });
  });

  it('an upstream node changed since the past run runs again, and so does what depends on it', async () => {
    const before = workflow(3);
    const past = await run(before);
    const now = workflow(5, [{ id: 'after-side', type: 'test.value' }], ['side.out -> after-side.in']);
    const plan = planPartialRun({ workflow: now, fromNode: 'c', past: { runId: past.runId, workflow: before, events: past.events } });
    expect(plan.reused).toEqual([]);
    expect(plan.rerun).toEqual([
      { nodeId: 'a', reason: `it changed since run ${past.runId}` },
      { nodeId: 'b', reason: 'its input "n" comes from "a", which runs again' },
      { nodeId: 'side', reason: 'its input "in" comes from "a", which runs again' },
      { nodeId: 'after-side', reason: `it is not in run ${past.runId}` },
    ]);
    const again = await run(now, plan.request);
    expect(finishedOutputs(again.events, 'c')).toEqual({ out: 20 });
  });

  it('a node that failed in the past run runs again', async () => {
    const wf = buildWorkflow(
      registry,
      [
        { id: 'a', type: 'test.value', config: { value: 'text' } },
        { id: 'b', type: 'test.number' },
        { id: 'c', type: 'test.number' },
      ],
      ['a.out -> b.n', 'b.out -> c.n'],
    );
    const past = await run(wf);
    expect(past.result.status).toBe('failed');
    const plan = planPartialRun({ workflow: wf, fromNode: 'c', past: { runId: past.runId, workflow: wf, events: past.events } });
    expect(plan.reused).toEqual(['a']);
    expect(plan.rerun).toEqual([{ nodeId: 'b', reason: `it failed in run ${past.runId}` }]);
  });

  it('to a node: only it and what it depends on run; the rest is skipped with a reason', async () => {
    const wf = workflow();
    const plan = planPartialRun({ workflow: wf, toNode: 'b' });
    const partial = await run(wf, plan.request);
    expect(partial.result.status).toBe('succeeded');
    expect(startedIds(partial.events)).toEqual(['a', 'b']);
    expect(partial.events.find((e) => e.type === 'node.skipped' && e.nodeId === 'side')).toMatchObject({
      reason: 'outside the partial run: only "b" and the nodes it depends on run',
    });
  });

  it('pinned outputs settle a node without running it; downstream nodes take them', async () => {
    const wf = workflow();
    const plan = planPartialRun({ workflow: wf, pins: { b: { outputs: { out: 100 } } } });
    const pinned = await run(wf, plan.request);
    expect(startedIds(pinned.events).sort()).toEqual(['a', 'c', 'side']);
    expect(pinned.events.find((e) => e.type === 'node.reused')).toMatchObject({
      nodeId: 'b',
      from: { kind: 'pin' },
      outputs: { out: 100 },
    });
    expect(finishedOutputs(pinned.events, 'c')).toEqual({ out: 200 });
  });

  it('running from a pinned node runs it for real', async () => {
    const wf = workflow();
    const past = await run(wf);
    const plan = planPartialRun({
      workflow: wf,
      fromNode: 'b',
      past: { runId: past.runId, workflow: wf, events: past.events },
      pins: { b: { outputs: { out: 100 } } },
    });
    const again = await run(wf, plan.request);
    expect(finishedOutputs(again.events, 'b')).toEqual({ out: 6 });
  });

  it('refuses unknown nodes and a past run of another workflow (OPR-159)', async () => {
    const wf = workflow();
    const past = await run(wf);
    expect(() => planPartialRun({ workflow: wf, toNode: 'nope' })).toThrow(/no node "nope"/);
    expect(() => planPartialRun({ workflow: wf, fromNode: 'b' })).toThrow(/needs a past run/);
    const other = { ...wf, id: 'other' };
    expect(() =>
      planPartialRun({ workflow: other, fromNode: 'b', past: { runId: past.runId, workflow: wf, events: past.events } }),
    ).toThrow(/ran workflow "test", not "other"/);
  });

  it('a partial run that waits for a decision resumes with its reused nodes still settled', async () => {
    const wf = buildWorkflow(
      registry,
      [
        { id: 'a', type: 'test.value', config: { value: 7 } },
        { id: 'gate', type: 'test.gate' },
        { id: 'after', type: 'test.value' },
      ],
      ['a.out -> gate.in', 'gate.approved -> after.in'],
    );
    const plan = planPartialRun({ workflow: wf, pins: { a: { outputs: { out: 9 } } } });
    const first = await run(wf, plan.request);
    expect(first.result.status).toBe('waiting');
    const resumed = await run(wf, {
      runId: first.runId,
      resume: { events: first.events, decisions: [{ nodeId: 'gate', decision: { decision: 'approved', by: 'ana', at: 1 } }] },
    });
    expect(resumed.result.status).toBe('succeeded');
    expect(calls.get('a')).toBeUndefined();
    expect(finishedOutputs(resumed.events, 'after')).toEqual({ out: 9 });
    expect(resumed.result.totals.reused).toBe(1);
  });

  it('runs an Output node outside the re-run part again, so the run keeps that output (it has none of its own to reuse)', async () => {
    const withOutputs = createRegistry([...testNodeTypes, output]);
    const wf = buildWorkflow(
      withOutputs,
      [
        { id: 'a', type: 'test.value', config: { value: 3 } },
        { id: 'b', type: 'test.number' },
        { id: 'oa', type: 'core.output', config: { name: 'a' } },
        { id: 'ob', type: 'core.output', config: { name: 'b' } },
      ],
      ['a.out -> oa.in', 'a.out -> b.n', 'b.out -> ob.in'],
    );
    const engine = createEngine({ registry: withOutputs, services: createMemoryServices() });
    const events: EngineEvent[] = [];
    const past = engine.run({ workflow: wf, inputs: {}, trigger: { type: 'test' }, onEvent: (e) => events.push(e) });
    expect((await past.result).outputs).toEqual({ a: 3, b: 6 });
    const plan = planPartialRun({ workflow: wf, fromNode: 'b', past: { runId: past.runId, workflow: wf, events } });
    expect(plan.reused).toEqual(['a']);
    const pinned = planPartialRun({ workflow: wf, pins: { oa: { outputs: {} } } });
    expect(pinned.request.reuse).toBeUndefined();
    const again = engine.run({ workflow: wf, inputs: {}, trigger: { type: 'test' }, onEvent: () => undefined, ...plan.request });
    expect((await again.result).outputs).toEqual({ a: 3, b: 6 });
  });

  it('reuses nothing from the past run when the run inputs differ (any node may read them)', async () => {
    const wf = workflow();
    const past = await run(wf);
    const pastRun = { runId: past.runId, workflow: wf, events: past.events };
    expect(planPartialRun({ workflow: wf, fromNode: 'c', past: pastRun, inputs: {} }).reused.sort()).toEqual(['a', 'b', 'side']);
    const changed = planPartialRun({ workflow: wf, fromNode: 'c', past: pastRun, inputs: { n: 2 } });
    expect(changed.reused).toEqual([]);
    const reason = `the run inputs differ from run ${past.runId}'s`;
    expect(changed.rerun).toEqual(['a', 'b', 'side'].map((nodeId) => ({ nodeId, reason })));
  });

  it('runs a node again when its logged outputs lost a secret to redaction', async () => {
    const wf = workflow();
    const past = await run(wf);
    const plan = planPartialRun({
      workflow: wf,
      fromNode: 'c',
      past: { runId: past.runId, workflow: wf, events: past.events, redacted: (outputs) => outputs.out === 3 },
    });
    expect(plan.reused).toEqual([]);
    expect(plan.rerun[0]).toEqual({ nodeId: 'a', reason: `its outputs in run ${past.runId} held a secret, which run logs do not keep` });
  });

  /** a(3) -> b(x2) -> c(x2) -> d(x2). */
  const chain = () =>
    buildWorkflow(
      registry,
      [
        { id: 'a', type: 'test.value', config: { value: 3 } },
        { id: 'b', type: 'test.number' },
        { id: 'c', type: 'test.number' },
        { id: 'd', type: 'test.number' },
      ],
      ['a.out -> b.n', 'b.out -> c.n', 'c.out -> d.n'],
    );

  it('a pin upstream that differs from the past run makes what depends on it run again', async () => {
    const wf = chain();
    const past = await run(wf);
    const pastRun = { runId: past.runId, workflow: wf, events: past.events };
    const plan = planPartialRun({ workflow: wf, fromNode: 'd', past: pastRun, pins: { b: { outputs: { out: 100 } } } });
    expect(plan.reused).toEqual(['a']);
    expect(plan.rerun).toEqual([
      { nodeId: 'c', reason: `its input "n" comes from "b", which is pinned to other outputs than it had in run ${past.runId}` },
    ]);
    const again = await run(wf, plan.request);
    expect(finishedOutputs(again.events, 'c')).toEqual({ out: 200 });
    expect(finishedOutputs(again.events, 'd')).toEqual({ out: 400 });
    // A pin equal to the past output changes nothing downstream.
    const same = planPartialRun({ workflow: wf, fromNode: 'd', past: pastRun, pins: { b: { outputs: { out: 6 } } } });
    expect(same.reused).toEqual(['a', 'c']);
  });

  it('does not reuse an output that was pinned in the past run once the pin is gone', async () => {
    const wf = chain();
    const pinnedRun = await run(wf, planPartialRun({ workflow: wf, pins: { b: { outputs: { out: 100 } } } }).request);
    expect(finishedOutputs(pinnedRun.events, 'd')).toEqual({ out: 400 });
    const plan = planPartialRun({ workflow: wf, fromNode: 'd', past: { runId: pinnedRun.runId, workflow: wf, events: pinnedRun.events } });
    expect(plan.reused).toEqual(['a']);
    expect(plan.rerun.map((r) => r.nodeId)).toEqual(['b', 'c']);
    expect(plan.rerun[0]?.reason).toBe(`its outputs in run ${pinnedRun.runId} were pinned, and it is not pinned now`);
    const again = await run(wf, plan.request);
    expect(finishedOutputs(again.events, 'd')).toEqual({ out: 24 });
  });
});
