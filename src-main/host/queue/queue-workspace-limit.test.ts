import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redisSkipReason } from '../../services/testing/redis-server.ts';
import { startSideEffectServer, type SideEffectServer } from '../../services/testing/side-effect-server.ts';
import { waitUntil } from '../../services/testing/waiting.ts';
import { fiveNodeWorkflow, startQueueFixture, WORKSPACE, type QueueFixture } from './testing/queue-fixture.ts';

const skip = redisSkipReason();
if (skip !== undefined) console.warn(skip);

describe.skipIf(skip !== undefined)('queue mode: a per-workspace limit across workers', () => {
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

  it('runs one run of the workspace at a time over two workers with room for four each; the others wait their turn', async () => {
    await fixture.startWorker({ concurrency: 4, workspaceConcurrency: 1 });
    await fixture.startWorker({ concurrency: 4, workspaceConcurrency: 1 });
    // Each run's side effect is held until the test lets it go: how many are held at once is how many runs go on.
    let inFlight = 0;
    let most = 0;
    let arrived = 0;
    const releases: (() => void)[] = [];
    const trials = ['a', 'b', 'c'];
    for (const trial of trials)
      effects.setHook(trial, async () => {
        arrived++;
        inFlight++;
        most = Math.max(most, inFlight);
        await new Promise<void>((resolve) => releases.push(resolve));
        inFlight--;
      });
    const workflow = fiveNodeWorkflow();
    const handles = await Promise.all(
      trials.map((trial) => fixture.launcher.start(WORKSPACE, workflow.id, { workflow, inputs: { baseUrl: effects.url, trial } })),
    );
    for (let turn = 0; turn < trials.length; turn++) {
      await waitUntil(() => arrived > turn, `run ${turn + 1} holds the workspace's place`);
      if (turn === 0)
        // The other two were taken by a worker and put back because the workspace was full (or one slipped through).
        await waitUntil(
          async () => inFlight > 1 || (await fixture.launcher.queue.queue.getJobCounts('delayed')).delayed === 2,
          'the other runs to be put back while the first goes on',
        );
      expect(inFlight).toBe(1);
      releases.shift()?.();
    }
    const results = await Promise.all(handles.map((handle) => handle.result));
    expect(results.map((result) => result.status)).toEqual(['succeeded', 'succeeded', 'succeeded']);
    expect(most).toBe(1);
  });
});
