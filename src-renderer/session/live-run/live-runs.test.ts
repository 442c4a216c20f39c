import { describe, expect, it } from 'vitest';
import type { EngineEvent } from '../../../src-shared/engine/events.ts';
import { bindWorkspace } from '../api-context.ts';
import { setConnectionStatus } from '../connection-store.ts';
import { createFakeClient, createFakeRunServer } from '../testing/fake-run-server.ts';
import { createWorkspaceSession } from '../workspace-session.ts';
import { createLiveRuns } from './live-runs.ts';

const event = (runId: string, seq: number, body: Record<string, unknown>) => ({ seq, ts: 0, runId, ...body }) as unknown as EngineEvent;
const started = (runId: string) =>
  event(runId, 0, { type: 'run.started', workflowId: 'w', workflowHash: 'h', trigger: { type: 'manual' }, inputs: {} });
const queued = (runId: string, seq: number, nodeId: string) => event(runId, seq, { type: 'node.queued', nodeId });
const finished = (runId: string, seq: number) =>
  event(runId, seq, { type: 'run.finished', status: 'succeeded', outputs: { a: 1 }, totals: {} });

function setup() {
  const server = createFakeRunServer();
  const { client, calls } = createFakeClient(server, {}, () => undefined);
  const watches = () => calls.filter((c) => c.name === 'runs.watch').map((c) => c.input);
  return { server, client, calls, watches, liveRuns: createLiveRuns(bindWorkspace(client, 'default')) };
}

/** Lets the fake client's calls answer. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('live runs', () => {
  it('shares one view and one stream per run, replayed from the start, and stops the stream with the last release', async () => {
    const { server, liveRuns, watches, calls } = setup();
    server.push('r1', started('r1'));
    server.push('r1', queued('r1', 1, 'a'));
    const one = liveRuns.open('r1');
    const two = liveRuns.open('r1');
    await settle();
    expect(two.view).toBe(one.view);
    expect(watches()).toEqual([{ workspace: 'default', runId: 'r1', fromSeq: 0 }]);
    expect(one.view.getState()).toMatchObject({ lastSeq: 1, live: true, run: { status: 'running', nodes: { a: { status: 'queued' } } } });

    one.release();
    one.release(); // a second release of the same lease counts once
    expect(server.watching('r1')).toBe(true);
    two.release();
    await settle();
    expect(server.watching('r1')).toBe(false);
    expect(calls.at(-1)).toEqual({ name: 'runs.unwatch', input: { workspace: 'default', runId: 'r1' } });
    expect(liveRuns.peek('r1')).toBeUndefined();
  });

  it('watches again from the next seq when the server says the window fell behind, and loses nothing', async () => {
    const { server, liveRuns, watches } = setup();
    const lease = liveRuns.open('r1');
    await settle();
    server.push('r1', started('r1'));
    server.push('r1', queued('r1', 1, 'a'));
    server.fallBehind('r1', 2);
    server.push('r1', queued('r1', 2, 'b')); // logged while nobody watches
    await settle();
    expect(watches().at(-1)).toEqual({ workspace: 'default', runId: 'r1', fromSeq: 2 });
    server.push('r1', finished('r1', 3));
    expect(lease.view.getState()).toMatchObject({
      lastSeq: 3,
      ended: true,
      outputs: { a: 1 },
      run: { status: 'succeeded', nodes: { a: { status: 'queued' }, b: { status: 'queued' } } },
    });
  });

  it('tells listeners of a run each event once, in order, whenever a view of it is open', async () => {
    const { server, liveRuns } = setup();
    const seen: number[] = [];
    const off = liveRuns.onEvent('r1', (e) => seen.push(e.seq));
    server.push('r1', started('r1')); // no view yet: nobody watches
    const lease = liveRuns.open('r1');
    await settle();
    server.push('r1', queued('r1', 1, 'a'));
    server.watch('r1', 0); // a stream restarted from an older seq: nothing applied twice
    expect(seen).toEqual([0, 1]);
    off();
    server.push('r1', queued('r1', 2, 'b'));
    expect(seen).toEqual([0, 1]);
    expect(lease.view.getState().lastSeq).toBe(2);
  });

  it('ignores events of other runs and of sub-workflow runs', async () => {
    const { server, liveRuns } = setup();
    const lease = liveRuns.open('r1');
    await settle();
    server.push('r1', started('r1'));
    server.push('r2', queued('r2', 1, 'x'));
    server.push('r1', queued('child', 1, 'y')); // a child run's event on the parent's stream
    expect(lease.view.getState()).toMatchObject({ lastSeq: 0, run: { nodes: {} } });
  });

  it('says why a run cannot be watched', async () => {
    const server = createFakeRunServer();
    const { client } = createFakeClient(
      server,
      {
        'runs.watch': () => {
          throw new Error('OPR-150: Run not found: nope');
        },
      },
      () => undefined,
    );
    const lease = createLiveRuns(bindWorkspace(client, 'default')).open('nope');
    await settle();
    expect(lease.view.getState().watchError).toMatch(/OPR-150/);
  });

  it('watches every open run again from its next seq when the connection comes back', async () => {
    const server = createFakeRunServer();
    const { client, calls } = createFakeClient(server, {}, () => undefined);
    setConnectionStatus('open');
    const workspace = createWorkspaceSession(client, 'default');
    const lease = workspace.liveRuns.open('r1');
    await settle();
    server.push('r1', started('r1'));
    setConnectionStatus('closed');
    server.unwatch('r1'); // the server's streams die with the connection
    server.push('r1', queued('r1', 1, 'a'));
    setConnectionStatus('connecting');
    setConnectionStatus('open');
    await settle();
    const watches = calls.filter((c) => c.name === 'runs.watch').map((c) => c.input);
    expect(watches).toEqual([
      { workspace: 'default', runId: 'r1', fromSeq: 0 },
      { workspace: 'default', runId: 'r1', fromSeq: 1 },
    ]);
    expect(lease.view.getState().run.nodes).toEqual({ a: { status: 'queued' } });
    workspace.dispose();
  });
});
