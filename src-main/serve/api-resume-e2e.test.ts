import { afterAll, describe, expect, it, onTestFinished } from 'vitest';
import { killWhileRunning, loggedEvents, sideEffectThenGate } from '../cli/testing/killed-run.ts';
import { startGate } from '../services/testing/gate.ts';
import { makeDataDir, removeTempDirs, startLoopbackServer } from '../cli/testing/run-cli.ts';
import { connectApi } from './testing/connect.ts';
import { pushedEvents } from './testing/test-server.ts';
import { startServer } from './server.ts';
import { workspacePaths } from '../services/data-dir.ts';
import { auditPaths, localActor, readAuditLines } from '../services/audit/audit-log.ts';

// runs.continueInterrupted over a real WebSocket, on a run whose `operon run` process was killed with SIGKILL.

afterAll(removeTempDirs);

describe('operon serve: continuing an interrupted run', () => {
  it('continues it from its log, streams its events to a watch made before, and refuses it once finished', async () => {
    const notify = await startLoopbackServer(() => ({ status: 200, body: { ok: true } }));
    onTestFinished(() => notify.close());
    const gate = await startGate({ ok: true });
    onTestFinished(() => gate.close());
    const dataDir = await makeDataDir();
    const args = [await sideEffectThenGate(), '-i', `baseUrl=${notify.url}`, '-i', `gateUrl=${gate.url}`];
    const { runId } = await killWhileRunning(dataDir, args, 'wait');
    const logged = await loggedEvents(dataDir, runId);

    const server = await startServer({ dataDir, staticDir: dataDir, env: { OPERON_USER: 'dana' } });
    const connection = connectApi(server);
    onTestFinished(async () => {
      connection.transport.close();
      await server.close();
    });
    const { client } = connection;
    expect((await client.call('runs.get', { runId })).run).toMatchObject({ status: 'running', interrupted: true });
    await expect(client.call('runs.decide', { runId, decision: 'approved' })).rejects.toMatchObject({ code: 'OPR-151' });

    // Watched while interrupted, from the end of its log: the continued run streams to this watch.
    await connection.watch(runId, (logged.at(-1)?.seq ?? -1) + 1);
    expect(await client.call('runs.continueInterrupted', { runId })).toEqual({ runId });
    // Going on in the server's process: no longer interrupted.
    expect((await client.call('runs.get', { runId })).run).toMatchObject({ status: 'running', interrupted: false });
    await expect(client.call('runs.continueInterrupted', { runId })).rejects.toMatchObject({ code: 'OPR-153' });
    gate.open(); // the gated node, run again, may finish now
    await connection.waitForStatus(runId, 'succeeded');
    const end = await connection.waitForWatchEnd(runId);

    expect(connection.changes.filter((change) => change.runId === runId).map((change) => change.status)).toEqual(['running', 'succeeded']);
    const pushed = pushedEvents(connection, runId);
    expect(pushed[0]).toMatchObject({ type: 'run.resumed', seq: (logged.at(-1)?.seq ?? -1) + 1 });
    expect(pushed.filter((event) => event.type === 'node.started').map((event) => 'nodeId' in event && event.nodeId)).toEqual([
      'wait',
      'pick',
      'result',
    ]);
    expect(pushed.at(-1)).toMatchObject({ type: 'run.finished', status: 'succeeded', outputs: { reply: { ok: true } } });
    expect(notify.requests).toHaveLength(1);

    const { run } = await client.call('runs.get', { runId });
    expect(run).toMatchObject({ status: 'succeeded', interrupted: false, outputs: { reply: { ok: true } } });
    const { events } = await client.call('runs.events', { runId });
    expect(events).toEqual([...logged, ...pushed]);
    expect(end).toMatchObject({ reason: 'finished', nextSeq: events.length });

    await expect(client.call('runs.continueInterrupted', { runId })).rejects.toMatchObject({
      code: 'OPR-170',
      message: `run ${runId} already finished (succeeded): only an interrupted run can be resumed`,
    });
    await expect(client.call('runs.continueInterrupted', { runId: 'r-nope' })).rejects.toMatchObject({ code: 'OPR-150' });

    // The audit trail: started by the CLI's user, continued by the server's local user (OPERON_USER), once.
    const audit = (await readAuditLines(auditPaths(workspacePaths(dataDir, 'default').root).file)).map(
      (line) => JSON.parse(line) as { action: string; actor: string; target: string },
    );
    expect(audit.filter((entry) => entry.target === `run:${runId}`).map((entry) => [entry.action, entry.actor])).toEqual([
      ['run.started', localActor({})],
      ['run.resumed', 'dana'],
    ]);
  });
});
