import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redisSkipReason } from '../../services/testing/redis-server.ts';
import { startSideEffectServer, type SideEffectServer } from '../../services/testing/side-effect-server.ts';
import { fiveNodeWorkflow, startQueueFixture, wholeLog, WORKSPACE, type QueueFixture } from './testing/queue-fixture.ts';

const skip = redisSkipReason();
if (skip !== undefined) console.warn(skip);

// Queue mode end to end in one process: the serving host's launcher enqueues, three BullMQ workers (each with its own
// hosts, as separate processes would have) take the runs, a real redis-server in between.
describe.skipIf(skip !== undefined)('queue mode: many runs over several workers', () => {
  let fixture: QueueFixture;
  let effects: SideEffectServer;
  beforeAll(async () => {
    fixture = await startQueueFixture();
    effects = await startSideEffectServer();
  });
  afterAll(async () => {
    await fixture.close();
    await effects.close();
  });

  it('runs 200 five-node runs over 3 workers: all succeed, each side effect once, every log whole and in order', async () => {
    const workers = await Promise.all([1, 2, 3].map(() => fixture.startWorker({ concurrency: 4 })));
    const taken = workers.map(() => 0);
    workers.forEach((worker, index) => worker.worker.on('completed', () => (taken[index] = (taken[index] ?? 0) + 1)));
    const workflow = fiveNodeWorkflow();
    const handles = await Promise.all(
      Array.from({ length: 200 }, (_, index) =>
        fixture.launcher.start(WORKSPACE, workflow.id, {
          workflow,
          inputs: { baseUrl: effects.url, trial: `t${index}` },
          trigger: { type: 'api' },
        }),
      ),
    );
    const results = await Promise.all(handles.map((handle) => handle.result));
    expect(results.map((result) => result.status)).toEqual(results.map(() => 'succeeded'));
    expect(results[0]?.outputs).toEqual({ result: { paid: true, stamped: true } });
    for (let index = 0; index < 200; index++) {
      const trial = effects.trial(`t${index}`);
      expect(trial, `trial t${index}`).toMatchObject({ effects: { pay: 1 }, repeated: 0 });
    }
    for (const handle of handles) {
      const events = await wholeLog(fixture.dataDir, handle.runId);
      expect(events.filter((event) => event.type === 'node.finished').map((event) => event.nodeId)).toEqual([
        'start',
        'pay',
        'shape',
        'stamp',
        'out',
      ]);
      expect(events.at(-1)).toMatchObject({ type: 'run.finished', status: 'succeeded' });
    }
    // The serving host announced each run queued, running and ended.
    const byRun = new Map<string, string[]>();
    for (const change of fixture.changes) byRun.set(change.runId, [...(byRun.get(change.runId) ?? []), change.status]);
    expect(byRun.size).toBe(200);
    for (const statuses of byRun.values()) expect(statuses).toEqual(['queued', 'running', 'succeeded']);
    const status = await fixture.launcher.queue.queue.getJobCounts('completed', 'failed');
    expect(status).toEqual({ completed: 200, failed: 0 });
    expect(workers.every((worker) => worker.running() === 0)).toBe(true);
    expect(taken.reduce((sum, count) => sum + count, 0)).toBe(200);
    expect(
      taken.every((count) => count > 0),
      `runs per worker: ${taken.join(', ')}`,
    ).toBe(true);
  });
});
