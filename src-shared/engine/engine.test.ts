import { beforeEach, describe, expect, it } from 'vitest';
import { createRegistry } from '../nodes/registry.ts';
import type { RunRequest } from './api.ts';
import { createEngine } from './engine.ts';
import { createTimerClock } from '../services/timer-clock.ts';
import type { EngineEvent } from './events.ts';
import { buildWorkflow } from './testing/build-workflow.ts';
import { createMemoryServices, type MemoryServices } from './testing/memory-services.ts';
import { calls, testNodeTypes } from './testing/test-node-types.ts';

const registry = createRegistry(testNodeTypes);
let services: MemoryServices;
let events: EngineEvent[];

beforeEach(() => {
  services = createMemoryServices();
  events = [];
  calls.clear();
});

function run(workflow: ReturnType<typeof buildWorkflow>, extra: Partial<RunRequest> = {}) {
  const engine = createEngine({ registry, services });
  return engine.run({ workflow, inputs: {}, trigger: { type: 'test' }, onEvent: (e) => events.push(e), ...extra });
}
const of = (type: string) => events.filter((e) => e.type === type) as (EngineEvent & { nodeId: string })[];
const finished = () => Object.fromEntries(of('node.finished').map((e) => [e.nodeId, e as EngineEvent]));

describe('scheduling', () => {
  it('runs a diamond: both branches start before either finishes, the join waits for both', async () => {
    const wf = buildWorkflow(
      registry,
      [
        { id: 'a', type: 'test.value', config: { value: 1 } },
        { id: 'b', type: 'test.value', config: { sleepMs: 10 } },
        { id: 'c', type: 'test.value', config: { sleepMs: 10 } },
        { id: 'd', type: 'test.join' },
      ],
      ['a.out -> b.in', 'a.out -> c.in', 'b.out -> d.a', 'c.out -> d.b'],
    );
    const result = await run(wf).result;
    expect(result.status).toBe('succeeded');
    const order = events
      .filter((e) => e.type === 'node.started' || e.type === 'node.finished')
      .map((e) => `${e.type === 'node.started' ? '+' : '-'}${(e as { nodeId: string }).nodeId}`);
    expect(order).toEqual(['+a', '-a', '+b', '+c', '-b', '-c', '+d', '-d']);
    expect(finished().d).toMatchObject({ outputs: { out: [1, 1] } });
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i));
  });

  it('keeps to the concurrency limit', async () => {
    const nodes = [
      { id: 'root', type: 'test.value', config: { value: 0 } },
      ...['x1', 'x2', 'x3', 'x4'].map((id) => ({ id, type: 'test.value', config: { sleepMs: 5 } })),
    ];
    const wf = buildWorkflow(
      registry,
      nodes,
      ['x1', 'x2', 'x3', 'x4'].map((id) => `root.out -> ${id}.in`),
      { concurrency: 2 },
    );
    await run(wf).result;
    let inFlight = 0;
    let most = 0;
    for (const e of events) {
      if (e.type === 'node.started') most = Math.max(most, ++inFlight);
      if (e.type === 'node.finished') inFlight--;
    }
    expect(most).toBe(2);
  });

  it('skips a branch not taken and everything after it; an any-join runs with what arrived', async () => {
    const wf = buildWorkflow(
      registry,
      [
        { id: 'start', type: 'test.value', config: { value: 'v' } },
        { id: 'if', type: 'test.branch', config: { yes: true } },
        { id: 'yes', type: 'test.value' },
        { id: 'no', type: 'test.value' },
        { id: 'after-no', type: 'test.value' },
        { id: 'join', type: 'test.join', config: { join: 'any' } },
        { id: 'strict', type: 'test.join', config: { join: 'all' } },
      ],
      [
        'start.out -> if.in',
        'if.yes -> yes.in',
        'if.no -> no.in',
        'no.out -> after-no.in',
        'yes.out -> join.a',
        'after-no.out -> join.b',
        'yes.out -> strict.a',
        'after-no.out -> strict.b',
      ],
    );
    const result = await run(wf).result;
    expect(result.status).toBe('succeeded');
    expect(
      of('node.skipped')
        .map((e) => e.nodeId)
        .sort(),
    ).toEqual(['after-no', 'no', 'strict']);
    expect(finished().join).toMatchObject({ outputs: { out: ['v', null] } });
    expect(calls.get('no')).toBeUndefined();
  });

  it('a first-join runs once, on the first input to arrive', async () => {
    const wf = buildWorkflow(
      registry,
      [
        { id: 's', type: 'test.value', config: { value: 1 } },
        { id: 'fast', type: 'test.value', config: { value: 'fast', sleepMs: 1 } },
        { id: 'slow', type: 'test.value', config: { value: 'slow', sleepMs: 50 } },
        { id: 'j', type: 'test.join', config: { join: 'first' } },
      ],
      ['s.out -> fast.in', 's.out -> slow.in', 'fast.out -> j.a', 'slow.out -> j.b'],
    );
    await run(wf).result;
    expect(of('node.started').filter((e) => e.nodeId === 'j')).toHaveLength(1);
    expect(finished().j).toMatchObject({ outputs: { out: ['fast', null] } });
  });

  it('disabled nodes are skipped with their dependents', async () => {
    const wf = buildWorkflow(
      registry,
      [
        { id: 'a', type: 'test.value', settings: { disabled: true } },
        { id: 'b', type: 'test.value' },
      ],
      ['a.out -> b.in'],
    );
    await run(wf).result;
    expect(of('node.skipped').map((e) => [e.nodeId, (e as { reason?: string }).reason])).toEqual([
      ['a', 'the node is disabled'],
      ['b', expect.stringContaining('not produced')],
    ]);
  });
});

describe('errors, retries and timeouts', () => {
  it('retries a retryable error with exponential backoff on the virtual clock', async () => {
    const wf = buildWorkflow(
      registry,
      [{ id: 'f', type: 'test.flaky', config: { failures: 3 }, settings: { retries: 3, retryDelayMs: 100 } }],
      [],
    );
    const result = await run(wf).result;
    expect(result.status).toBe('succeeded');
    expect(of('node.retry').map((e) => (e as { delayMs: number }).delayMs)).toEqual([75, 150, 300]);
    expect(services.clock.sleeps).toEqual([75, 150, 300]);
    expect(finished().f).toMatchObject({ outputs: { out: 'ok after 4' }, attempts: 4 });
  });

  it('does not retry an error that is not retryable, and fails the run', async () => {
    const wf = buildWorkflow(
      registry,
      [
        { id: 'f', type: 'test.flaky', config: { failures: 1, retryable: false }, settings: { retries: 3 } },
        { id: 'next', type: 'test.value' },
      ],
      ['f.out -> next.in'],
    );
    const result = await run(wf).result;
    expect(result.status).toBe('failed');
    expect(result.error).toMatchObject({ code: 'OPR-102', message: 'failure 1' });
    expect(calls.get('f')).toBe(1);
    expect(calls.get('next')).toBeUndefined();
  });

  it('routes a final error out of the error port to a fallback branch', async () => {
    const wf = buildWorkflow(
      registry,
      [
        { id: 'f', type: 'test.flaky', config: { failures: 5 }, settings: { retries: 1, retryDelayMs: 10, onError: 'route' } },
        { id: 'ok', type: 'test.value' },
        { id: 'fallback', type: 'test.value' },
      ],
      ['f.out -> ok.in', 'f.error -> fallback.in'],
    );
    const result = await run(wf).result;
    expect(result.status).toBe('succeeded');
    expect(of('node.skipped').map((e) => e.nodeId)).toEqual(['ok']);
    expect(finished().fallback).toMatchObject({ outputs: { out: { code: 'OPR-102', message: 'failure 2' } } });
    expect(finished().f).toMatchObject({ status: 'failed', errorHandled: 'route', attempts: 2 });
  });

  it('continues with a fallback value', async () => {
    const wf = buildWorkflow(
      registry,
      [
        { id: 'f', type: 'test.flaky', config: { failures: 1, retryable: false }, settings: { onError: 'continue', fallback: 'default' } },
        { id: 'n', type: 'test.value' },
      ],
      ['f.out -> n.in'],
    );
    const result = await run(wf).result;
    expect(result.status).toBe('succeeded');
    expect(finished().n).toMatchObject({ outputs: { out: 'default' } });
  });

  it('times out a node, retries the timeout, then fails naming the timeout', async () => {
    const wf = buildWorkflow(
      registry,
      [{ id: 'slow', type: 'test.value', config: { sleepMs: 5_000 }, settings: { timeoutMs: 1_000, retries: 1, retryDelayMs: 10 } }],
      [],
    );
    const result = await run(wf).result;
    expect(result.status).toBe('failed');
    expect(result.error).toMatchObject({ code: 'OPR-100', message: 'node "slow" timed out after 1000 ms' });
    expect(calls.get('slow')).toBe(2);
  });

  it('a node that ignores its abort signal still times out', async () => {
    const wf = buildWorkflow(
      registry,
      [
        { id: 'h', type: 'test.hang', config: { ignoreAbort: true }, settings: { timeoutMs: 50 } },
        { id: 'tick', type: 'test.value', config: { sleepMs: 100 } },
      ],
      [],
    );
    const result = await run(wf).result;
    expect(result.error?.code).toBe('OPR-100');
  });

  it('an input that does not fit its port is a node error naming the port, not a crash', async () => {
    const wf = buildWorkflow(
      registry,
      [
        { id: 's', type: 'test.value', config: { value: 'text' } },
        { id: 'n', type: 'test.number' },
      ],
      ['s.out -> n.n'],
    );
    const result = await run(wf).result;
    expect(result.status).toBe('failed');
    expect(result.error).toMatchObject({ code: 'OPR-101', message: 'node "n" input "n": expected number, got string' });
  });

  it('stops at the node execution limit', async () => {
    const nodes = Array.from({ length: 5 }, (_, i) => ({ id: `n${i}`, type: 'test.value' }));
    const wf = buildWorkflow(
      registry,
      nodes,
      nodes.slice(1).map((n, i) => `n${i}.out -> ${n.id}.in`),
      { maxNodeExecutions: 3 },
    );
    const result = await run(wf).result;
    expect(result.status).toBe('failed');
    expect(result.error?.code).toBe('OPR-106');
    expect(result.totals.succeeded).toBe(3);
  });
});

describe('cancellation', () => {
  it('cancels running nodes through their signal and keeps what finished', async () => {
    const wf = buildWorkflow(
      registry,
      [
        { id: 'a', type: 'test.value', config: { value: 1 } },
        { id: 'h', type: 'test.hang' },
        { id: 'after', type: 'test.value' },
      ],
      ['a.out -> h.in', 'h.out -> after.in'],
    );
    const handle = run(wf);
    while (!events.some((e) => e.type === 'node.started' && e.nodeId === 'h')) await new Promise((r) => setTimeout(r, 1));
    handle.cancel('stopped by test');
    const result = await handle.result;
    expect(result.status).toBe('cancelled');
    expect(result.error).toMatchObject({ code: 'OPR-104', message: 'stopped by test' });
    expect(finished().a).toMatchObject({ status: 'succeeded' });
    expect(finished().h).toMatchObject({ status: 'failed' });
    expect(events.at(-1)).toMatchObject({ type: 'run.finished', status: 'cancelled' });
  });

  it('counts a node stopped by the cancel as cancelled, not failed, in the totals', async () => {
    const wf = buildWorkflow(
      registry,
      [
        { id: 'a', type: 'test.value', config: { value: 1 } },
        { id: 'h', type: 'test.hang' },
      ],
      ['a.out -> h.in'],
    );
    const handle = run(wf);
    while (!events.some((e) => e.type === 'node.started' && e.nodeId === 'h')) await new Promise((r) => setTimeout(r, 1));
    handle.cancel();
    const { totals } = await handle.result;
    expect(totals).toMatchObject({ succeeded: 1, failed: 0, cancelled: 1 });
  });
});

describe('approval and resume', () => {
  const gated = () =>
    buildWorkflow(
      registry,
      [
        { id: 'a', type: 'test.value', config: { value: 'draft' } },
        { id: 'gate', type: 'test.gate' },
        { id: 'side', type: 'test.value', config: { value: 'side' } },
        { id: 'publish', type: 'test.value' },
      ],
      ['a.out -> gate.in', 'a.out -> side.in', 'gate.approved -> publish.in'],
    );

  it('pauses in waiting, then a resume from the logged events runs only what is left', async () => {
    const wf = gated();
    const first = await run(wf).result;
    expect(first.status).toBe('waiting');
    expect(first.pending).toEqual([{ nodeId: 'gate', request: { title: 'Gate', message: 'ok?', data: 'draft' } }]);
    expect(events.at(-1)?.type).toBe('run.waiting');
    const logged = [...events];
    calls.clear();
    events = [];
    const second = await run(wf, {
      runId: first.runId,
      resume: { events: logged, decisions: [{ nodeId: 'gate', decision: { decision: 'approved', by: 'ana', at: 1, value: 'edited' } }] },
    }).result;
    expect(second.status).toBe('succeeded');
    expect(calls.get('a')).toBeUndefined();
    expect(calls.get('side')).toBeUndefined();
    expect(calls.get('gate')).toBe(1);
    expect(finished().publish).toMatchObject({ outputs: { out: 'edited' } });
    expect(events[0]).toMatchObject({ type: 'run.resumed', seq: (logged.at(-1)?.seq ?? 0) + 1 });
    expect(events[1]).toMatchObject({ type: 'node.decision', nodeId: 'gate', decision: { by: 'ana' } });
  });

  it('a rejection takes the rejected branch', async () => {
    const wf = gated();
    const first = await run(wf).result;
    const logged = [...events];
    events = [];
    const second = await run(wf, {
      runId: first.runId,
      resume: { events: logged, decisions: [{ nodeId: 'gate', decision: { decision: 'rejected', by: 'bo', at: 1, comment: 'no' } }] },
    }).result;
    expect(second.status).toBe('succeeded');
    expect(of('node.skipped').map((e) => e.nodeId)).toEqual(['publish']);
  });

  it('continues an interrupted run with no decision: a decision logged before the process died still applies', async () => {
    const wf = gated();
    const first = await run(wf).result;
    // A second process recorded the approval, queued the gate, and was killed before it ran.
    let seq = (events.at(-1)?.seq ?? 0) + 1;
    const stamp = { ts: 5, runId: first.runId };
    const logged: EngineEvent[] = [
      ...events,
      { type: 'run.resumed', seq: seq++, ...stamp },
      {
        type: 'node.decision',
        nodeId: 'gate',
        decision: { decision: 'approved', by: 'ana', at: 4, value: 'edited' },
        seq: seq++,
        ...stamp,
      },
      { type: 'node.queued', nodeId: 'gate', seq: seq++, ...stamp },
    ];
    calls.clear();
    events = [];
    const third = await run(wf, { runId: first.runId, resume: { events: logged, decisions: [] } }).result;
    expect(third.status).toBe('succeeded');
    expect(events[0]).toMatchObject({ type: 'run.resumed', seq });
    expect(of('node.decision')).toEqual([]);
    expect([calls.get('a'), calls.get('side'), calls.get('gate')]).toEqual([undefined, undefined, 1]);
    expect(finished().publish).toMatchObject({ outputs: { out: 'edited' } });
  });

  it('refuses a decision for a node that is not waiting', async () => {
    const wf = gated();
    await run(wf).result;
    const logged = [...events];
    await expect(
      run(wf, { resume: { events: logged, decisions: [{ nodeId: 'a', decision: { decision: 'approved', by: 'x', at: 1 } }] } }).result,
    ).rejects.toThrow(/not waiting/);
  });
});

describe('result cache', () => {
  it('reuses a recorded output when type, config and inputs hash the same', async () => {
    const wf = buildWorkflow(
      registry,
      [
        { id: 's', type: 'test.value', config: { value: 2 } },
        { id: 'v', type: 'test.value', settings: { cache: true } },
      ],
      ['s.out -> v.in'],
    );
    const first = await run(wf).result;
    events = [];
    await run(wf).result;
    expect(calls.get('v')).toBe(1);
    expect(calls.get('s')).toBe(2);
    expect(finished().v).toMatchObject({ status: 'cached', outputs: { out: 2 }, cachedFrom: { runId: first.runId, nodeId: 'v' } });
  });

  it('misses when the run inputs differ, since any node can read them', async () => {
    const wf = buildWorkflow(registry, [{ id: 'v', type: 'test.value', config: { value: 1 }, settings: { cache: true } }], []);
    await run(wf, { inputs: { customer: 'ana' } }).result;
    await run(wf, { inputs: { customer: 'bo' } }).result;
    await run(wf, { inputs: { customer: 'ana' } }).result;
    expect(calls.get('v')).toBe(2);
  });

  it('never caches a node type with side effects, even with the run-level cache on', async () => {
    const wf = buildWorkflow(registry, [{ id: 'g', type: 'test.gate' }], []);
    await run(wf, { cache: true }).result;
    await run(wf, { cache: true }).result;
    expect(calls.get('g')).toBe(2);
    expect(services.cacheStore.size).toBe(0);
  });
});

describe('responsiveness', () => {
  it('gives the event loop turns during a long run of nodes that never wait on I/O', async () => {
    services = { ...createMemoryServices(), clock: Object.assign(createTimerClock(), { sleeps: [] }) };
    const nodes = Array.from({ length: 20_000 }, (_, i) => ({ id: `n${i}`, type: 'test.value', config: i === 0 ? { value: 1 } : {} }));
    const wf = buildWorkflow(
      registry,
      nodes,
      nodes.slice(1).map((n, i) => `n${i}.out -> ${n.id}.in`),
    );
    let ticks = 0;
    let nodesRunning = false;
    const ticker = setInterval(() => {
      if (nodesRunning) ticks++;
    }, 1);
    const result = await run(wf, {
      onEvent: (event) => {
        if (event.type === 'node.started' && event.nodeId === 'n0') nodesRunning = true;
        if (event.type === 'run.finished') nodesRunning = false;
      },
    }).result;
    clearInterval(ticker);
    expect(result.status).toBe('succeeded');
    // Without yielding, no timer could fire before the run ends.
    expect(ticks).toBeGreaterThan(0);
  });
});
