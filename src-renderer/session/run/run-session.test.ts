import { describe, expect, it } from 'vitest';
import { ev, setup, started, workflow } from './testing/run-session-kit.ts';

describe('run session', () => {
  it('saves, starts, applies events pushed before runs.start answers, lists approvals and decides', async () => {
    const { editor, session, calls, push, saves } = setup((pushNow) => {
      pushNow('other', started('other', 'another-workflow'));
      pushNow('r1', started('r1'));
      pushNow('r1', ev('r1', { type: 'node.finished', nodeId: 'start', status: 'succeeded', attempts: 1, durationMs: 1, outputs: {} }));
      pushNow('r1', ev('r1', { type: 'node.waiting', nodeId: 'ok', request: { title: 'Approve?', message: 'Go on?' } }));
      pushNow('r1', ev('r1', { type: 'run.waiting' }));
    });
    session.getState().actions.setInputs('{"a": 1}');
    await session.getState().actions.start();

    expect(saves()).toBe(1);
    expect(calls.find((c) => c.name === 'runs.start')?.input).toMatchObject({ workflowId: 'w', inputs: { a: 1 } });
    expect(calls.some((c) => c.name === 'runs.events')).toBe(false);
    expect(editor.getState().run).toMatchObject({
      runId: 'r1',
      status: 'waiting',
      nodes: { start: { status: 'succeeded' }, ok: { status: 'waiting' } },
    });
    expect(session.getState().approvals).toEqual([{ nodeId: 'ok', title: 'Approve?', message: 'Go on?', data: undefined }]);

    await session.getState().actions.decide('ok', 'approved');
    expect(calls.at(-1)).toEqual({ name: 'runs.decide', input: { workspace: 'default', runId: 'r1', nodeId: 'ok', decision: 'approved' } });
    expect(session.getState().approvals).toEqual([]);

    push('r1', ev('r1', { type: 'run.finished', status: 'succeeded', outputs: { answer: 42 }, totals: {} }));
    expect(session.getState().outputs).toEqual({ answer: 42 });
    expect(editor.getState().run.status).toBe('succeeded');
  });

  it('refuses inputs that are not a JSON object without starting', async () => {
    const { session, calls } = setup(() => undefined);
    session.getState().actions.setInputs('[1, 2]');
    expect(session.getState().inputsError).toBe('inputs are a JSON object');
    session.getState().actions.setInputs('{"a": ');
    expect(session.getState().inputsError).toMatch(/invalid JSON at line 1/);
    await session.getState().actions.start();
    expect(calls.map((c) => c.name)).toEqual(['pins.list']);
  });

  it('starts with the declared defaults (an older file’s trigger sample where none), and Run waits for the form’s problem', async () => {
    const doc = {
      ...workflow,
      inputs: {
        type: 'object',
        properties: { subject: { type: 'string' }, priority: { type: 'integer', default: 3 } },
        required: ['subject'],
      },
      nodes: workflow.nodes.map((node) =>
        node.id === 'start' ? { ...node, config: { sample: { subject: 'Old sample', priority: 1 } } } : node,
      ),
    };
    const { session, calls } = setup(() => undefined, {}, doc);
    expect(JSON.parse(session.getState().inputs)).toEqual({ subject: 'Old sample', priority: 3 });
    const { actions } = session.getState();
    actions.setInputValues({ priority: 3 });
    actions.setInputsProblem('fill in subject');
    await session.getState().actions.start();
    expect(session.getState().error).toBe('Fix the run inputs first: fill in subject');
    expect(calls.some((c) => c.name === 'runs.start')).toBe(false);
    actions.setInputValues({ priority: 4, subject: 'Refund' });
    expect(session.getState().inputsError).toBeUndefined();
    await session.getState().actions.start();
    expect(calls.find((c) => c.name === 'runs.start')?.input).toMatchObject({ inputs: { priority: 4, subject: 'Refund' } });
  });

  it('watches the run it started from its first event, and applies each event once', async () => {
    const first = { ...started('r1'), debug: true };
    const queued = ev('r1', { type: 'node.queued', nodeId: 'start' });
    const paused = ev('r1', { type: 'node.paused', nodeId: 'start', reason: 'breakpoint', inputs: {} });
    // Logged before runs.start answers: replayed by the watch.
    const {
      session,
      editor,
      calls,
      push,
      server,
      paused: told,
    } = setup((pushNow) => {
      pushNow('r1', first);
      pushNow('r1', queued);
    });
    await session.getState().actions.start({ debug: true });
    await Promise.resolve();
    expect(calls.find((c) => c.name === 'runs.watch')?.input).toEqual({ workspace: 'default', runId: 'r1', fromSeq: 0 });
    expect(server.watching('r1')).toBe(true);
    push('r1', paused);
    expect(session.getState()).toMatchObject({ live: true, debug: true, held: { nodeId: 'start', reason: 'breakpoint' } });
    expect(editor.getState().run).toMatchObject({ runId: 'r1', status: 'running', nodes: { start: { status: 'paused' } } });
    expect(told).toEqual(['start']);

    // The same events again (a watch restarted from an older seq) change nothing.
    server.watch('r1', 0);
    expect(told).toEqual(['start']);
    expect(editor.getState().run.nodes.start).toMatchObject({ status: 'paused' });
  });

  it('stops watching its run when disposed', async () => {
    const { session, server } = setup((pushNow) => pushNow('r1', started('r1')));
    await session.getState().actions.start();
    await Promise.resolve();
    expect(server.watching('r1')).toBe(true);
    session.getState().actions.dispose();
    await Promise.resolve();
    expect(server.watching('r1')).toBe(false);
  });

  it('leaves a past run opened on the canvas there while its own run goes on, and keeps following that run', async () => {
    const { session, editor, push } = setup((pushNow) => pushNow('r1', started('r1')));
    await session.getState().actions.start();
    await Promise.resolve();
    expect(editor.getState().run).toMatchObject({ runId: 'r1', source: 'live' });
    editor.getState().actions.showRun({ runId: 'past', status: 'succeeded', nodes: { start: { status: 'succeeded' } } });
    push('r1', ev('r1', { type: 'node.waiting', nodeId: 'ok', request: { title: 'Approve?', message: 'Go on?' } }));
    expect(editor.getState().run).toMatchObject({ runId: 'past', source: 'past', nodes: { start: { status: 'succeeded' } } });
    expect(session.getState().approvals).toEqual([{ nodeId: 'ok', title: 'Approve?', message: 'Go on?', data: undefined }]);
  });
});
