import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createServer } from 'node:net';
import type { QueueStatus } from '../host/queue/queue-status.ts';
import { removeTempDirs, runCli, startCli } from './testing/run-cli.ts';
import { startGate, type Gate } from '../services/testing/gate.ts';
import { redisSkipReason } from '../services/testing/redis-server.ts';
import { startSideEffectServer, type SideEffectServer } from '../services/testing/side-effect-server.ts';
import { fiveNodeWorkflow, startQueueFixture, wholeLog, WORKSPACE, type QueueFixture } from '../host/queue/testing/queue-fixture.ts';

const skip = redisSkipReason();
if (skip !== undefined) console.warn(skip);

// `operon worker` as a real process (from the sources, as the CLI tests run it), killed or stopped mid-run while its
// run is held at a loopback gate after its side effect.
describe.skipIf(skip !== undefined)('operon worker: killed or stopped mid-run', () => {
  let fixture: QueueFixture;
  let effects: SideEffectServer;
  let gate: Gate;
  beforeEach(async () => {
    fixture = await startQueueFixture();
    effects = await startSideEffectServer();
    gate = await startGate({ held: true });
  });
  afterEach(async () => {
    await gate.close();
    await effects.close();
    await fixture.close();
  });
  afterAll(removeTempDirs);

  const startHeldRun = async (trial: string) => {
    const workflow = fiveNodeWorkflow({ holdUrl: gate.url });
    return fixture.launcher.start(WORKSPACE, workflow.id, { workflow, inputs: { baseUrl: effects.url, trial } });
  };

  it('SIGKILL: the job stalls and another worker continues the run from its log, the side effect not repeated', async () => {
    const worker = startCli(fixture.dataDir, ['worker', '--queue', fixture.redis.url, '--lock-seconds', '2']);
    await worker.waitForStderr(/operon worker: ready/);
    const handle = await startHeldRun('killed');
    await gate.requested(1); // pay is done, stamp is waiting at the gate
    const status = await runCli(fixture.dataDir, ['queue', 'status', '--queue', fixture.redis.url, '--json']);
    expect(status.code, status.stderr).toBe(0);
    const counts = JSON.parse(status.stdout) as QueueStatus;
    expect(counts).toMatchObject({ waiting: 0, active: 1, failed: 0 });
    expect(counts.workers.flatMap((each) => each.active)).toEqual([`${WORKSPACE}/${handle.runId}/start`]);
    worker.child.kill('SIGKILL');
    expect((await worker.exited).signal).toBe('SIGKILL');
    gate.open();
    const other = await fixture.startWorker({ lockDurationMs: 2_000, stalledIntervalMs: 1_000 });
    let continued = false;
    other.worker.on('completed', () => (continued = true));
    expect(await handle.result).toMatchObject({ status: 'succeeded', outputs: { result: { body: { held: true } } } });
    expect(continued).toBe(true);
    expect(effects.trial('killed')).toMatchObject({ effects: { pay: 1 }, repeated: 0 });
    const events = await wholeLog(fixture.dataDir, handle.runId);
    const finished = events.filter((event) => event.type === 'node.finished').map((event) => event.nodeId);
    expect(finished).toEqual(['start', 'pay', 'shape', 'stamp', 'out']); // each once: finished nodes not run again
    expect(events.some((event) => event.type === 'run.resumed')).toBe(true);
  });

  it('SIGTERM: takes no more runs, lets the run going on finish, and exits 0', async () => {
    const port = await freePort();
    const worker = startCli(fixture.dataDir, [
      'worker',
      '--queue',
      fixture.redis.url,
      '--grace-seconds',
      '600',
      '--health-port',
      String(port),
    ]);
    await worker.waitForStderr(/operon worker: ready/);
    const health = `http://127.0.0.1:${port}`;
    expect((await fetch(`${health}/healthz`)).status).toBe(200);
    expect(await (await fetch(`${health}/readyz`)).json()).toEqual({ ready: true });
    const handle = await startHeldRun('stopped');
    await gate.requested(1);
    worker.child.kill('SIGTERM');
    await worker.waitForStderr(/stopping: no more runs/);
    expect((await fetch(`${health}/readyz`)).status).toBe(503); // stopping: a balancer sends it nothing more
    const queuedAfter = await startHeldRun('after'); // enqueued while the worker stops: it must not take it
    gate.open();
    expect(await handle.result).toMatchObject({ status: 'succeeded' });
    const exited = await worker.exited;
    expect(exited.code, exited.stderr).toBe(0);
    expect(exited.stderr).toContain('operon worker: stopped');
    expect(await fixture.launcher.queue.queue.getJobState(`${WORKSPACE}/${queuedAfter.runId}/start`)).toBe('waiting');
  });
});

/** A loopback port nobody listens on now. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address !== null ? address.port : 0));
    });
  });
}
