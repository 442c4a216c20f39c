import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readRun } from '../../services/run-log/run-reader.ts';
import { redisSkipReason } from '../../services/testing/redis-server.ts';
import { waitUntil } from '../../services/testing/waiting.ts';
import { RunJobSchema } from './job-data.ts';
import { startQueueFixture, wholeLog, workflowOf, WORKSPACE, type QueueFixture } from './testing/queue-fixture.ts';

const skip = redisSkipReason();
if (skip !== undefined) console.warn(skip);

const approval = workflowOf(
  'approve-me',
  [
    { id: 'start', type: 'core.manual-trigger' },
    { id: 'ask', type: 'core.approval', config: { title: 'Pay?' } },
    { id: 'out', type: 'core.output', config: { name: 'answer' } },
  ],
  [
    ['start.out', 'ask.in'],
    ['ask.approved', 'out.in'],
  ],
);
const simple = workflowOf(
  'simple',
  [
    { id: 'start', type: 'core.manual-trigger' },
    { id: 'out', type: 'core.output', config: { name: 'n' } },
  ],
  [['start.out', 'out.in']],
);

describe.skipIf(skip !== undefined)('queue mode: waits, decisions, cancels and a Redis restart', () => {
  let fixture: QueueFixture;
  beforeEach(async () => {
    fixture = await startQueueFixture();
  });
  afterEach(() => fixture.close());

  it('ends the job of a run that waits for approval (no worker held); the decision finishes it on a free worker', async () => {
    const first = await fixture.startWorker();
    const handle = await fixture.launcher.start(WORKSPACE, approval.id, { workflow: approval, inputs: { amount: 5 } });
    expect((await handle.result).status).toBe('waiting');
    expect(first.running()).toBe(0);
    // The first worker goes away; another one, started later, takes the decision.
    await first.close(0);
    const second = await fixture.startWorker();
    let tookIt = false;
    second.worker.on('completed', () => (tookIt = true));
    const decided = await fixture.launcher.decide(WORKSPACE, approval.id, {
      runId: handle.runId,
      decision: { decision: 'approved', by: 'ana' },
    });
    const result = await decided.result;
    expect(result).toMatchObject({ status: 'succeeded', outputs: { answer: { amount: 5 } } });
    expect(tookIt).toBe(true);
    const events = await wholeLog(fixture.dataDir, handle.runId);
    expect(events.map((event) => event.type)).toContain('run.resumed');
    // A second decision on the same wait is refused before anything is enqueued.
    await expect(
      fixture.launcher.decide(WORKSPACE, approval.id, { runId: handle.runId, decision: { decision: 'approved', by: 'ana' } }),
    ).rejects.toMatchObject({ code: 'OPR-151' });
  });

  it('loses no accepted run when Redis restarts between the enqueue and a worker taking it (AOF)', async () => {
    const handle = await fixture.launcher.start(WORKSPACE, simple.id, { workflow: simple, inputs: { n: 1 } });
    expect((await readRun(fixture.host.paths.runs, handle.runId)).status).toBe('queued');
    await fixture.redis.restart();
    await fixture.startWorker();
    expect(await handle.result).toMatchObject({ status: 'succeeded', outputs: { n: { n: 1 } } });
  });

  it('enqueues a run once however often the same job is added (the job id comes from the run id)', async () => {
    const handle = await fixture.launcher.start(WORKSPACE, simple.id, { workflow: simple, inputs: { n: 2 } });
    const job = await fixture.launcher.queue.queue.getJob(`${WORKSPACE}/${handle.runId}/start`);
    expect(job).toBeDefined();
    // A firing retried after a hiccup adds the same job again: nothing new is queued.
    await fixture.launcher.queue.enqueue(RunJobSchema.parse(job?.data));
    expect(await fixture.launcher.queue.queue.getJobCounts('waiting')).toEqual({ waiting: 1 });
    await fixture.startWorker();
    await handle.result;
    const events = await wholeLog(fixture.dataDir, handle.runId);
    expect(events.filter((event) => event.type === 'run.started')).toHaveLength(1);
  });

  it('cancels a queued run no worker has taken: its job is removed and its run.json says cancelled', async () => {
    const handle = await fixture.launcher.start(WORKSPACE, simple.id, { workflow: simple, inputs: {} });
    expect(fixture.launcher.cancel(WORKSPACE, handle.runId, 'not needed')).toBe(true);
    expect((await handle.result).status).toBe('cancelled');
    expect(await readRun(fixture.host.paths.runs, handle.runId)).toMatchObject({ status: 'cancelled', error: { code: 'OPR-104' } });
    expect(await fixture.launcher.queue.queue.getJobCounts('waiting')).toEqual({ waiting: 0 });
    await waitUntil(
      () => fixture.changes.some((change) => change.runId === handle.runId && change.status === 'cancelled'),
      'runs.changed says cancelled',
    );
  });
});
