import { beforeEach, describe, expect, it } from 'vitest';
import { createRegistry } from '../../nodes/registry.ts';
import type { DebugPause } from '../api.ts';
import { createDebugSession, type DebugSession } from './debug-session.ts';
import { createEngine } from '../engine.ts';
import type { EngineEvent } from '../events.ts';
import { buildWorkflow } from '../testing/build-workflow.ts';
import { createMemoryServices } from '../testing/memory-services.ts';
import { calls, testNodeTypes } from '../testing/test-node-types.ts';

const registry = createRegistry(testNodeTypes);
let events: EngineEvent[];

beforeEach(() => {
  events = [];
  calls.clear();
});

/** a(1) -> b(doubles) -> c(doubles), and a -> d (a side branch). */
const workflow = () =>
  buildWorkflow(
    registry,
    [
      { id: 'a', type: 'test.value', config: { value: 1 } },
      { id: 'b', type: 'test.number' },
      { id: 'c', type: 'test.number' },
      { id: 'd', type: 'test.value' },
    ],
    ['a.out -> b.n', 'b.out -> c.n', 'a.out -> d.in'],
    { concurrency: 1 },
  );

/** Starts a debug run; `paused()` resolves at the next pause. */
function debugRun(session: () => DebugSession) {
  let notify: ((pause: DebugPause) => void) | undefined;
  const pauses: DebugPause[] = [];
  const debug = session();
  const wrapped: DebugSession = {
    ...debug,
    wait: (pause, signal) => {
      const waiting = debug.wait(pause, signal);
      pauses.push(pause);
      notify?.(pause);
      return waiting;
    },
  };
  const handle = createEngine({ registry, services: createMemoryServices() }).run({
    workflow: workflow(),
    inputs: {},
    trigger: { type: 'test' },
    onEvent: (e) => events.push(e),
    debug: wrapped,
  });
  const nextPause = () =>
    new Promise<DebugPause>((resolve) => {
      notify = (pause) => {
        notify = undefined;
        resolve(pause);
      };
    });
  return { handle, debug, nextPause, pauses };
}

const started = () => events.filter((e) => e.type === 'node.started').map((e) => (e as { nodeId: string }).nodeId);

describe('debug runs', () => {
  it('pauses before a breakpointed node with its resolved inputs; nothing else starts until Continue', async () => {
    const run = debugRun(() => createDebugSession({ breakpoints: ['b'] }));
    const pause = await run.nextPause();
    expect(pause).toEqual({ nodeId: 'b', reason: 'breakpoint', inputs: { n: 1 } });
    expect(run.debug.paused()?.nodeId).toBe('b');
    expect(started()).toEqual(['a']);
    expect(events.at(-1)).toMatchObject({ type: 'node.paused', nodeId: 'b', reason: 'breakpoint', inputs: { n: 1 } });
    run.debug.resume('continue');
    const result = await run.handle.result;
    expect(result.status).toBe('succeeded');
    expect(started()).toEqual(['a', 'b', 'd', 'c']);
    expect(run.pauses).toHaveLength(1);
  });

  it('records an edited input as a manual override and runs the node with it', async () => {
    const run = debugRun(() => createDebugSession({ breakpoints: ['b'] }));
    await run.nextPause();
    run.debug.resume('continue', { inputs: { n: 21 }, by: 'ana' });
    await run.handle.result;
    expect(events.find((e) => e.type === 'node.override')).toMatchObject({ nodeId: 'b', inputs: { n: 21 }, by: 'ana' });
    expect(events.find((e) => e.type === 'node.started' && e.nodeId === 'b')).toMatchObject({ inputs: { n: 21 } });
    expect(events.find((e) => e.type === 'node.finished' && e.nodeId === 'c')).toMatchObject({ outputs: { out: 84 } });
  });

  it('an edited input of the wrong type fails the node like any bad input (OPR-101), naming the port', async () => {
    const run = debugRun(() => createDebugSession({ breakpoints: ['b'] }));
    await run.nextPause();
    run.debug.resume('continue', { inputs: { n: 'twenty' }, by: 'ana' });
    const result = await run.handle.result;
    expect(result.status).toBe('failed');
    expect(result.error).toMatchObject({ code: 'OPR-101', nodeId: 'b' });
    expect(result.error?.message).toContain('"n"');
  });

  it('Step runs the held node and pauses before the next one to start; Continue runs to the end', async () => {
    const run = debugRun(() => createDebugSession({ startStepping: true }));
    expect(await run.nextPause()).toMatchObject({ nodeId: 'a', reason: 'step' });
    let next = run.nextPause();
    run.debug.resume('step');
    expect(await next).toMatchObject({ nodeId: 'b', reason: 'step', inputs: { n: 1 } });
    expect(started()).toEqual(['a']);
    next = run.nextPause();
    run.debug.resume('step');
    expect(await next).toMatchObject({ nodeId: 'd', reason: 'step' });
    expect(started()).toEqual(['a', 'b']);
    run.debug.resume('continue');
    expect((await run.handle.result).status).toBe('succeeded');
    expect(started()).toEqual(['a', 'b', 'd', 'c']);
    expect(run.pauses.map((p) => p.nodeId)).toEqual(['a', 'b', 'd']);
  });

  it('breakpoints can change while paused', async () => {
    const run = debugRun(() => createDebugSession({ breakpoints: ['b'] }));
    await run.nextPause();
    run.debug.setBreakpoints(['c']);
    const next = run.nextPause();
    run.debug.resume('continue');
    expect(await next).toMatchObject({ nodeId: 'c', reason: 'breakpoint', inputs: { n: 2 } });
    run.debug.resume('continue');
    expect((await run.handle.result).status).toBe('succeeded');
  });

  it('Cancel while paused ends the run cancelled; the held node never starts', async () => {
    const run = debugRun(() => createDebugSession({ breakpoints: ['b'] }));
    await run.nextPause();
    run.handle.cancel('stop');
    const result = await run.handle.result;
    expect(result.status).toBe('cancelled');
    expect(started()).toEqual(['a']);
    expect(run.debug.paused()).toBeUndefined();
    expect(() => run.debug.resume('continue')).toThrow(/not paused/);
  });

  it('records the debug flag in run.started', async () => {
    const run = debugRun(() => createDebugSession());
    await run.handle.result;
    expect(events[0]).toMatchObject({ type: 'run.started', debug: true });
    expect(run.pauses).toEqual([]);
  });

  it('with several nodes running at once, a pause lets running nodes finish but starts none until released', async () => {
    const debug = createDebugSession({ breakpoints: ['c'] });
    const wf = buildWorkflow(
      registry,
      [
        { id: 'a', type: 'test.value', config: { value: 1 } },
        { id: 'b', type: 'test.value', config: { sleepMs: 10 } },
        { id: 'c', type: 'test.value' },
        { id: 'd', type: 'test.value' },
      ],
      ['a.out -> b.in', 'a.out -> c.in', 'b.out -> d.in'],
      { concurrency: 4 },
    );
    const handle = createEngine({ registry, services: createMemoryServices() }).run({
      workflow: wf,
      inputs: {},
      trigger: { type: 'test' },
      onEvent: (e) => events.push(e),
      debug,
    });
    const finished = (id: string) => events.some((e) => e.type === 'node.finished' && e.nodeId === id);
    while (!finished('b')) await new Promise((resolve) => setTimeout(resolve, 1));
    expect(debug.paused()?.nodeId).toBe('c');
    expect(events.some((e) => e.type === 'node.queued' && e.nodeId === 'd')).toBe(true);
    expect(started()).toEqual(['a', 'b']);
    debug.resume('continue');
    expect((await handle.result).status).toBe('succeeded');
    expect(started()).toEqual(['a', 'b', 'c', 'd']);
  });

  it('an interrupted debug run continues without a debugger: the node it was paused before simply runs', async () => {
    const run = debugRun(() => createDebugSession({ breakpoints: ['c'] }));
    await run.nextPause();
    const logged = [...events]; // the process dies here, paused before c
    expect(logged.at(-1)).toMatchObject({ type: 'node.paused', nodeId: 'c' });
    run.handle.cancel();
    await run.handle.result;
    events = [];
    calls.clear();
    const resumed = createEngine({ registry, services: createMemoryServices() }).run({
      workflow: workflow(),
      inputs: {},
      runId: run.handle.runId,
      trigger: { type: 'test' },
      onEvent: (e) => events.push(e),
      resume: { events: logged, decisions: [] },
    });
    expect((await resumed.result).status).toBe('succeeded');
    expect(events[0]).toMatchObject({ type: 'run.resumed', seq: (logged.at(-1)?.seq ?? 0) + 1 });
    expect(started()).toEqual(['c']);
    expect(events.some((e) => e.type === 'node.paused')).toBe(false);
    expect(events.find((e) => e.type === 'node.finished' && e.nodeId === 'c')).toMatchObject({ outputs: { out: 4 } });
  });
});
