import { spawn } from 'node:child_process';
import path from 'node:path';
import { redisSkipReason, startRedisServer } from '../src-main/services/testing/redis-server.ts';
import { EVENT_WAIT_MS } from '../src-main/services/testing/waiting.ts';
import { expect, test as base } from './fixtures/editor.ts';
import { seedWorkflow } from './fixtures/api.ts';
import { RunViewer } from './fixtures/run-viewer.ts';
import { ROOT } from './fixtures/serve.ts';
import { shootLightAndDark } from './fixtures/screenshots.ts';

// Queue mode in the editor: `operon serve` with OPERON_QUEUE_URL enqueues the run; History shows it queued until an
// `operon worker` (a child process sharing the data folder) runs it, then succeeded, told by runs.changed.
const skip = redisSkipReason();
const test = base.extend({
  // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this pattern
  serveEnv: async ({}, use) => {
    if (skip !== undefined) return use({});
    const redis = await startRedisServer();
    await use({ OPERON_QUEUE_URL: redis.url });
    await redis.close();
  },
});

test('a run waits as queued in History until a worker takes it, then shows succeeded', async ({ editor, api, served, serveEnv, page }) => {
  test.skip(skip !== undefined, skip);
  await page.setViewportSize({ width: 1440, height: 900 });
  await seedWorkflow(api, {
    id: 'queued-run',
    name: 'Queued run',
    nodes: [
      { id: 'start', type: 'core.manual-trigger' },
      { id: 'double', type: 'core.transform', config: { expression: '{ "n": 2 }' } },
      { id: 'result', type: 'core.output', config: { name: 'value' } },
    ],
    edges: [
      ['start', 'double'],
      ['double', 'result'],
    ],
  });
  const { runId } = await api.client.call('runs.start', { workspace: 'default', workflowId: 'queued-run' });
  const viewer = new RunViewer(editor);
  await editor.goto();
  await editor.openWorkflow('queued-run', 3);
  await viewer.showTab('history');
  await expect(viewer.historyRow(runId)).toHaveAttribute('data-status', 'queued');
  await shootLightAndDark(page, 'queue-history-queued');

  const worker = spawn(
    process.execPath,
    [path.join(ROOT, 'bin/operon.js'), '--data-dir', served.dataDir, 'worker', '--queue', serveEnv.OPERON_QUEUE_URL ?? ''],
    { env: { ...process.env, OPERON_SOURCES: '1' }, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  try {
    await expect(viewer.historyRow(runId)).toHaveAttribute('data-status', 'succeeded', { timeout: EVENT_WAIT_MS });
    await editor.screenshot('queue-history-done-dark.png');
  } finally {
    const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
    worker.kill('SIGTERM');
    await exited;
  }
});
