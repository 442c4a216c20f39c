import { describe, expect, it } from 'vitest';
import type { EngineEvent } from '../../src-shared/engine/events.ts';
import { selectNodeStatus } from '../editor/store/index.ts';
import { setConnectionStatus } from './connection-store.ts';
import { ev, setup, started } from './run/testing/run-session-kit.ts';
import { createFakeClient, createFakeRunServer } from './testing/fake-run-server.ts';
import { createWorkspaceSession } from './workspace-session.ts';

// The desktop app's engine host restarted under a window: what the window's session makes of it. The main process
// pushes host.restarted and the IPC transport turns it into a connection closed and open again (ipc-transport.ts).

const REASON = 'the engine process stopped unexpectedly (exit code 1)';

const event = (runId: string, seq: number, body: Record<string, unknown>) => ({ seq, ts: 0, runId, ...body }) as unknown as EngineEvent;

/** Lets the fake client's calls answer. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

/** What ipc-transport.ts does on host.restarted. */
function restartHost(server: ReturnType<typeof createFakeRunServer>) {
  server.restartHost(REASON);
  setConnectionStatus('closed');
  setConnectionStatus('open');
}

describe('an engine restart, as the window sees it', () => {
  it('keeps a notice until dismissed, and shows a run whose process went away as interrupted, not running', async () => {
    const server = createFakeRunServer();
    const { client, calls } = createFakeClient(server, {}, () => undefined);
    setConnectionStatus('open');
    const workspace = createWorkspaceSession(client, 'default', {});
    const lost = workspace.liveRuns.open('lost');
    const other = workspace.liveRuns.open('other');
    await settle();
    server.push(
      'lost',
      event('lost', 0, { type: 'run.started', workflowId: 'w', workflowHash: 'h', trigger: { type: 'manual' }, inputs: {} }),
    );
    server.push('lost', event('lost', 1, { type: 'node.started', nodeId: 'a', attempt: 1 }));
    server.push(
      'other',
      event('other', 0, { type: 'run.started', workflowId: 'w', workflowHash: 'h', trigger: { type: 'manual' }, inputs: {} }),
    );
    expect(workspace.engineRestart.getState().restart).toBeUndefined();
    expect(lost.view.getState()).toMatchObject({ live: true, interrupted: false });

    // The engine process died carrying out `lost`; `other` goes on elsewhere (another process holds it).
    server.interrupt('lost');
    restartHost(server);
    await settle();

    expect(workspace.engineRestart.getState().restart).toEqual({ reason: REASON, at: expect.any(Number) });
    const watches = calls.filter((c) => c.name === 'runs.watch').map((c) => c.input);
    expect(watches.slice(2)).toEqual([
      { workspace: 'default', runId: 'lost', fromSeq: 2 },
      { workspace: 'default', runId: 'other', fromSeq: 1 },
    ]);
    expect(lost.view.getState()).toMatchObject({ live: false, interrupted: true, ended: false, run: { status: 'running' } });
    expect(other.view.getState()).toMatchObject({ live: true, interrupted: false });

    workspace.engineRestart.getState().dismiss();
    expect(workspace.engineRestart.getState().restart).toBeUndefined();
    workspace.dispose();
    // A disposed session no longer listens.
    server.restartHost(REASON);
    expect(workspace.engineRestart.getState().restart).toBeUndefined();
  });

  it('lets the run session continue its interrupted run: it goes live again and finishes in the same view', async () => {
    const { session, server, liveRuns, calls, editor } = setup((push) => {
      push('r1', started('r1'));
      push('r1', ev('r1', { type: 'node.started', nodeId: 'start', attempt: 1 }));
    });
    await session.getState().actions.start();
    await settle();
    expect(session.getState()).toMatchObject({ runId: 'r1', live: true, interrupted: false });

    server.interrupt('r1');
    server.restartHost(REASON);
    liveRuns.rewatch(); // what the workspace session does when the connection comes back
    await settle();
    expect(session.getState()).toMatchObject({ live: false, interrupted: true });
    expect(editor.getState().run).toMatchObject({ status: 'running', interrupted: true });
    expect(selectNodeStatus('start')(editor.getState())).toBe('interrupted');

    await session.getState().actions.continueInterrupted();
    expect(calls.filter((c) => c.name === 'runs.continueInterrupted').map((c) => c.input)).toEqual([{ workspace: 'default', runId: 'r1' }]);
    expect(session.getState()).toMatchObject({ live: true, interrupted: false, busy: false, error: undefined });
    expect(selectNodeStatus('start')(editor.getState())).toBe('running');
    const next = (liveRuns.peek('r1')?.getState().lastSeq ?? 0) + 1; // after the run.resumed the server logged
    server.push('r1', event('r1', next, { type: 'run.finished', status: 'succeeded', outputs: { answer: 42 }, totals: {} }));
    expect(session.getState()).toMatchObject({ live: false, interrupted: false, outputs: { answer: 42 } });
    expect(editor.getState().run.status).toBe('succeeded');

    // Nothing to continue once it finished.
    await session.getState().actions.continueInterrupted();
    expect(calls.filter((c) => c.name === 'runs.continueInterrupted')).toHaveLength(1);
  });

  it('says why a continue failed', async () => {
    const { session, server, liveRuns } = setup((push) => push('r1', started('r1')), {
      'runs.continueInterrupted': () => {
        throw new Error('OPR-153: another process holds run r1');
      },
    });
    await session.getState().actions.start();
    server.interrupt('r1');
    server.restartHost(REASON);
    liveRuns.rewatch();
    await settle();
    await session.getState().actions.continueInterrupted();
    expect(session.getState()).toMatchObject({ interrupted: true, busy: false, error: expect.stringMatching(/OPR-153/) });
  });
});
