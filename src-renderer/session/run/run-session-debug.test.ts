import { describe, expect, it } from 'vitest';
import { ev, setup, started } from './testing/run-session-kit.ts';

const debugStarted = (runId: string) => ({ ...started(runId), debug: true });
const paused = (runId: string, nodeId: string, inputs: Record<string, unknown>, reason = 'breakpoint') =>
  ev(runId, { type: 'node.paused', nodeId, reason, inputs });

describe('run session: debugging', () => {
  it('starts a debug run with the breakpoints of nodes the workflow has, and pins on', async () => {
    const { session, calls, breakpoints } = setup(() => undefined);
    breakpoints.getState().actions.set('w', ['ok', 'gone']);
    await session.getState().actions.start({ debug: true });
    expect(calls.find((c) => c.name === 'runs.start')?.input).toEqual({
      workspace: 'default',
      workflowId: 'w',
      inputs: {},
      pins: true,
      debug: { breakpoints: ['ok'] },
    });
  });

  it('holds the paused node, edits its inputs and continues with them as an override', async () => {
    const { session, editor, calls, push, paused: told } = setup((pushNow) => pushNow('r1', debugStarted('r1')));
    await session.getState().actions.start({ debug: true });
    push('r1', paused('r1', 'ok', { in: { amount: 1 } }));

    expect(told).toEqual(['ok']);
    expect(editor.getState().run.nodes.ok).toMatchObject({ status: 'paused', pauseReason: 'breakpoint' });
    const held = session.getState().held;
    expect(held).toMatchObject({ nodeId: 'ok', reason: 'breakpoint', inputs: { in: { amount: 1 } } });
    expect(JSON.parse(held?.text ?? '')).toEqual({ in: { amount: 1 } });

    const { actions } = session.getState();
    actions.setHeldInputs('{"in": ');
    expect(session.getState().held?.error).toMatch(/invalid JSON/);
    await actions.resume('continue');
    expect(calls.some((c) => c.name === 'runs.resume')).toBe(false); // unusable inputs: nothing sent
    actions.setHeldInputs('[1]');
    expect(session.getState().held?.error).toBe('inputs are a JSON object');

    actions.setHeldInputs('{"in": {"amount": 7}}');
    await actions.resume('continue');
    expect(calls.at(-1)).toEqual({
      name: 'runs.resume',
      input: { workspace: 'default', runId: 'r1', action: 'continue', inputs: { in: { amount: 7 } } },
    });
    expect(session.getState().held).toBeUndefined();
  });

  it('steps without an override when the inputs are unchanged, and keeps a pause pushed before the answer', async () => {
    const { session, calls, push } = setup((pushNow) => pushNow('r1', debugStarted('r1')), {
      'runs.resume': () => {
        push('r1', ev('r1', { type: 'node.started', nodeId: 'start', attempt: 1, inputs: {} }));
        push('r1', paused('r1', 'ok', { in: 1 }, 'step'));
        return { runId: 'r1' };
      },
    });
    await session.getState().actions.start({ debug: true });
    push('r1', paused('r1', 'start', { b: 1, a: 2 }, 'step'));
    // Same value, other key order and spacing: not an override.
    session.getState().actions.setHeldInputs('{ "a": 2, "b": 1 }');
    await session.getState().actions.resume('step');
    expect(calls.at(-1)).toEqual({ name: 'runs.resume', input: { workspace: 'default', runId: 'r1', action: 'step' } });
    expect(session.getState().held).toMatchObject({ nodeId: 'ok', reason: 'step' });
  });

  it('puts the pause back and says why when resuming fails', async () => {
    const { session, push } = setup((pushNow) => pushNow('r1', debugStarted('r1')), {
      'runs.resume': () => {
        throw new Error('OPR-158: the run is not paused');
      },
    });
    await session.getState().actions.start({ debug: true });
    push('r1', paused('r1', 'ok', {}));
    await session.getState().actions.resume('step');
    expect(session.getState().held?.nodeId).toBe('ok');
    expect(session.getState().error).toMatch(/OPR-158/);
  });

  it('sends breakpoint changes to a live debug run only', async () => {
    const { session, calls, push, breakpoints } = setup((pushNow) => pushNow('r1', started('r1')));
    const toggle = () => breakpoints.getState().actions.toggle('w', 'ok');
    await session.getState().actions.start();
    toggle(); // not a debug run
    expect(calls.some((c) => c.name === 'runs.breakpoints')).toBe(false);

    push('r2', debugStarted('r2')); // another window's run: not watched
    await session.getState().actions.start({ debug: true });
    push('r1', debugStarted('r1'));
    expect(session.getState()).toMatchObject({ live: true, debug: true });
    toggle();
    expect(calls.at(-1)).toEqual({ name: 'runs.breakpoints', input: { workspace: 'default', runId: 'r1', breakpoints: [] } });
    toggle();
    expect(calls.at(-1)).toEqual({ name: 'runs.breakpoints', input: { workspace: 'default', runId: 'r1', breakpoints: ['ok'] } });

    push('r1', ev('r1', { type: 'run.finished', status: 'cancelled', outputs: {}, totals: {} }));
    const before = calls.length;
    toggle();
    expect(calls.length).toBe(before);
  });

  it('cancels the watched run', async () => {
    const { session, calls } = setup(() => undefined, { 'runs.cancel': () => ({ cancelled: false }) });
    await session.getState().actions.start({ debug: true });
    await session.getState().actions.cancel();
    expect(calls.at(-1)).toEqual({ name: 'runs.cancel', input: { workspace: 'default', runId: 'r1' } });
    expect(session.getState().error).toMatch(/not running here/);
  });

  it('cancels its own held debug run before starting another, so it does not wait on the server forever', async () => {
    const { session, calls, push } = setup((pushNow) => pushNow('r1', debugStarted('r1')));
    await session.getState().actions.start({ debug: true });
    push('r1', paused('r1', 'ok', { in: 1 }));
    await session.getState().actions.start();
    const names = calls.map((c) => c.name).filter((name) => name.startsWith('runs.') && !name.includes('watch'));
    expect(names.slice(-2)).toEqual(['runs.cancel', 'runs.start']);
    expect(calls.find((c) => c.name === 'runs.cancel')?.input).toEqual({ workspace: 'default', runId: 'r1' });
  });

  it('cancels its own live debug run before starting another even when it is not paused yet, and lets other runs go on', async () => {
    const { session, calls, push } = setup(() => undefined);
    const runCalls = () => calls.map((c) => c.name).filter((name) => name.startsWith('runs.'));
    await session.getState().actions.start({ debug: true });
    push('r1', debugStarted('r1')); // nodes run; the breakpoint is further on
    push('r1', ev('r1', { type: 'node.started', nodeId: 'start', attempt: 1, inputs: {} }));
    await session.getState().actions.start();
    // Cancelled, no longer watched, and the new run watched from its start.
    expect(runCalls().slice(-4)).toEqual(['runs.cancel', 'runs.unwatch', 'runs.start', 'runs.watch']);
    expect(calls.find((c) => c.name === 'runs.cancel')?.input).toEqual({ workspace: 'default', runId: 'r1' });

    push('r1', started('r1')); // a run without the debugger: started again, it is not cancelled
    await session.getState().actions.start();
    expect(runCalls().filter((name) => name === 'runs.cancel')).toHaveLength(1);
  });

  it('cancels its live debug run when disposed (errors ignored), and leaves other runs alone', async () => {
    const debug = setup(() => undefined, {
      'runs.cancel': () => {
        throw new Error('connection closed');
      },
    });
    await debug.session.getState().actions.start({ debug: true });
    debug.push('r1', debugStarted('r1'));
    debug.session.getState().actions.dispose();
    await new Promise((resolve) => setTimeout(resolve, 0)); // the rejected cancel settles unnoticed
    expect(debug.calls.at(-1)).toEqual({ name: 'runs.cancel', input: { workspace: 'default', runId: 'r1' } });
    expect(debug.session.getState().error).toBeUndefined();

    const plain = setup((pushNow) => pushNow('r1', started('r1')));
    await plain.session.getState().actions.start();
    plain.session.getState().actions.dispose();
    const finished = setup((pushNow) => pushNow('r1', debugStarted('r1')));
    await finished.session.getState().actions.start({ debug: true });
    finished.push('r1', ev('r1', { type: 'run.finished', status: 'succeeded', outputs: {}, totals: {} }));
    finished.session.getState().actions.dispose();
    expect([...plain.calls, ...finished.calls].some((c) => c.name === 'runs.cancel')).toBe(false);
  });
});

describe('run session: attaching to a run going on', () => {
  it('watches a paused debug run opened from history from its first event, then acts on it (Step, Cancel)', async () => {
    const log = [debugStarted('r9'), ev('r9', { type: 'node.queued', nodeId: 'ok' }), paused('r9', 'ok', { in: 1 })];
    const { session, editor, calls, push, paused: told } = setup(() => undefined);
    for (const event of log) push('r9', event);
    await session.getState().actions.attach('r9');
    await Promise.resolve();
    expect(calls.find((c) => c.name === 'runs.watch')?.input).toEqual({ workspace: 'default', runId: 'r9', fromSeq: 0 });
    expect(session.getState()).toMatchObject({ runId: 'r9', live: true, debug: true, held: { nodeId: 'ok', reason: 'breakpoint' } });
    expect(told).toEqual(['ok']);
    expect(editor.getState().run).toMatchObject({ runId: 'r9', source: 'live', nodes: { ok: { status: 'paused' } } });

    await session.getState().actions.resume('step');
    expect(calls.at(-1)).toEqual({ name: 'runs.resume', input: { workspace: 'default', runId: 'r9', action: 'step' } });
    // Live events of the attached run keep coming.
    push('r9', ev('r9', { type: 'node.started', nodeId: 'ok', attempt: 1, inputs: { in: 1 } }));
    expect(editor.getState().run.nodes.ok?.status).toBe('running');
    await session.getState().actions.cancel();
    expect(calls.at(-1)).toEqual({ name: 'runs.cancel', input: { workspace: 'default', runId: 'r9' } });
  });
});

describe('run session: partial runs', () => {
  const answer = { runId: 'r2', reused: ['start'], rerun: [{ nodeId: 'x', reason: 'changed since' }] };

  it('runs from a node reusing the run on the canvas, without inputs, and keeps what was reused', async () => {
    const { session, editor, calls } = setup(() => undefined, { 'runs.start': () => answer });
    editor.getState().actions.applyRunEvent(started('past'));
    await session.getState().actions.start({ from: 'ok' });
    expect(calls.find((c) => c.name === 'runs.start')?.input).toEqual({
      workspace: 'default',
      workflowId: 'w',
      pins: true,
      from: { runId: 'past', nodeId: 'ok' },
    });
    expect(calls.some((c) => c.name === 'runs.list')).toBe(false);
    expect(session.getState().partial).toEqual({ reused: ['start'], rerun: [{ nodeId: 'x', reason: 'changed since' }], fromRunId: 'past' });
    expect(session.getState().runId).toBe('r2');
  });

  it('without a run on the canvas reuses the latest run, and says so when there is none', async () => {
    const runs = [
      { kind: 'damaged', runId: 'broken', problem: 'no run.json' },
      { kind: 'run', runId: 'latest' },
    ];
    const { session, calls } = setup(() => undefined, { 'runs.start': () => answer, 'runs.list': () => ({ runs }) });
    await session.getState().actions.start({ from: 'ok' });
    expect(calls.find((c) => c.name === 'runs.list')?.input).toMatchObject({ workflowId: 'w' });
    expect(calls.find((c) => c.name === 'runs.start')?.input).toMatchObject({ from: { runId: 'latest', nodeId: 'ok' } });

    const none = setup(() => undefined, { 'runs.list': () => ({ runs: [] }) });
    await none.session.getState().actions.start({ from: 'ok' });
    expect(none.calls.some((c) => c.name === 'runs.start')).toBe(false);
    expect(none.session.getState().error).toMatch(/no past run/);
  });

  it('runs to a node with the typed inputs', async () => {
    const { session, calls } = setup(() => undefined);
    session.getState().actions.setInputs('{"a": 1}');
    await session.getState().actions.start({ to: 'ok' });
    expect(calls.find((c) => c.name === 'runs.start')?.input).toEqual({
      workspace: 'default',
      workflowId: 'w',
      inputs: { a: 1 },
      pins: true,
      to: 'ok',
    });
    expect(session.getState().partial).toEqual({ reused: [], rerun: [], fromRunId: undefined });
  });
});

describe('run session: pins', () => {
  const pin = (outputs: Record<string, unknown>, fromRunId?: string) => ({
    outputs,
    pinnedAt: 1,
    by: 'editor',
    ...(fromRunId === undefined ? {} : { fromRunId }),
  });

  it('loads the pins on opening, pins typed outputs or a past run, and unpins', async () => {
    const { session, calls } = setup(() => undefined, {
      'pins.list': () => ({ pins: { start: pin({ out: 1 }) } }),
      'pins.set': (input) => ({
        pin: pin((input.outputs as Record<string, unknown> | undefined) ?? { out: 'run' }, input.fromRunId as string),
      }),
      'pins.remove': () => ({ removed: true }),
    });
    await new Promise((resolve) => setTimeout(resolve, 0)); // the read made on opening
    expect(session.getState().pins).toEqual({ start: pin({ out: 1 }) });

    const { actions } = session.getState();
    expect(await actions.pin('ok', { outputs: { approved: 'yes' } })).toBe(true);
    expect(calls.at(-1)).toEqual({
      name: 'pins.set',
      input: { workspace: 'default', workflowId: 'w', nodeId: 'ok', outputs: { approved: 'yes' } },
    });
    expect(await actions.pin('start', { fromRunId: 'r9' })).toBe(true);
    expect(calls.at(-1)?.input).toEqual({ workspace: 'default', workflowId: 'w', nodeId: 'start', fromRunId: 'r9' });
    expect(session.getState().pins).toEqual({ start: pin({ out: 'run' }, 'r9'), ok: pin({ approved: 'yes' }) });

    expect(await actions.unpin('start')).toBe(true);
    expect(calls.at(-1)).toEqual({ name: 'pins.remove', input: { workspace: 'default', workflowId: 'w', nodeId: 'start' } });
    expect(Object.keys(session.getState().pins)).toEqual(['ok']);
  });

  it('says why a pin failed and keeps the pins as they were', async () => {
    const { session } = setup(() => undefined, {
      'pins.set': () => {
        throw new Error('no node "x"');
      },
    });
    expect(await session.getState().actions.pin('x', { outputs: {} })).toBe(false);
    expect(session.getState().error).toBe('Pin failed: no node "x"');
    expect(session.getState().pins).toEqual({});
  });
});
