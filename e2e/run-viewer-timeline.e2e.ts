import { VIEWER_IDS } from '../src-renderer/test-ids.ts';
import { expect, test } from './fixtures/editor.ts';
import { seedWorkflow } from './fixtures/api.ts';
import { RunViewer, runToEnd, startFlakyServer } from './fixtures/run-viewer.ts';

const NODES = ['start', 'slow-a', 'slow-b', 'join', 'fetch', 'result'];

test("the timeline shows every node, parallel branches overlapping, and a retried node's two attempts", async ({ editor, api }) => {
  const flaky = await startFlakyServer(1);
  try {
    await seedWorkflow(api, {
      id: 'viewer-timeline',
      name: 'Viewer: timeline',
      inputs: { type: 'object', properties: { baseUrl: { type: 'string' } } },
      nodes: [
        { id: 'start', type: 'core.manual-trigger' },
        { id: 'slow-a', type: 'core.delay', config: { ms: 400 }, position: { x: 260, y: 0 } },
        { id: 'slow-b', type: 'core.delay', config: { ms: 400 }, position: { x: 260, y: 200 } },
        { id: 'join', type: 'core.merge', config: { mode: 'all', inputs: 2 } },
        {
          id: 'fetch',
          type: 'core.http-request',
          config: { method: 'GET', url: '{{ $run.baseUrl }}/flaky', timeoutMs: 5000 },
          settings: { retries: 1, retryDelayMs: 100 },
        },
        { id: 'result', type: 'core.output', config: { name: 'answer' } },
      ],
      edges: [
        ['start', 'slow-a'],
        ['start', 'slow-b'],
        ['slow-a', 'join', 'out', 'in1'],
        ['slow-b', 'join', 'out', 'in2'],
        ['join', 'fetch'],
        ['fetch', 'result'],
      ],
    });
    const { runId, status } = await runToEnd(api, 'viewer-timeline', { baseUrl: flaky.url });
    expect(status).toBe('succeeded');
    expect(flaky.requests()).toBe(2);

    const viewer = new RunViewer(editor);
    await editor.goto();
    await editor.openWorkflow('viewer-timeline', NODES.length);
    await viewer.showTab('history');
    await viewer.historyRow(runId).click();
    await expect(editor.nodeStatus('fetch')).toHaveText('succeeded');
    await viewer.showTab('timeline');

    // A row for every node, in the order they first appeared in the log.
    for (const id of NODES) await expect(viewer.timelineRow(id), `timeline row of ${id}`).toHaveAttribute('data-status', 'succeeded');
    await expect(editor.byTestId(VIEWER_IDS.timelineScroller)).toHaveAttribute('data-rows', String(NODES.length));

    // The two delays ran at the same time: their attempts overlap, in time and on screen.
    const a = viewer.bars('slow-a', 'attempt');
    const b = viewer.bars('slow-b', 'attempt');
    const spanA = await viewer.span(a);
    const spanB = await viewer.span(b);
    expect(spanA.to - spanA.from).toBeGreaterThanOrEqual(350);
    expect(Math.min(spanA.to, spanB.to) - Math.max(spanA.from, spanB.from)).toBeGreaterThan(300);
    const boxA = await a.boundingBox();
    const boxB = await b.boundingBox();
    if (boxA === null || boxB === null) throw new Error('the delay bars are not laid out');
    expect(Math.min(boxA.x + boxA.width, boxB.x + boxB.width) - Math.max(boxA.x, boxB.x)).toBeGreaterThan(boxA.width / 2);
    // The join starts after both.
    const join = await viewer.span(viewer.bars('join', 'attempt'));
    expect(join.from).toBeGreaterThanOrEqual(Math.max(spanA.to, spanB.to));

    // The flaky request: a failed first attempt, then a second that succeeded, after it.
    await expect(viewer.bars('fetch', 'failed-attempt')).toHaveCount(1);
    await expect(viewer.bars('fetch', 'attempt')).toHaveCount(1);
    await expect(viewer.bars('fetch', 'failed-attempt')).toHaveAttribute('data-attempt', '1');
    await expect(viewer.bars('fetch', 'attempt')).toHaveAttribute('data-attempt', '2');
    await expect(viewer.bars('fetch', 'failed-attempt')).toHaveAttribute('title', /503/);
    const first = await viewer.span(viewer.bars('fetch', 'failed-attempt'));
    const second = await viewer.span(viewer.bars('fetch', 'attempt'));
    expect(second.from).toBeGreaterThan(first.to); // after the retry delay (with jitter)

    // Clicking a row selects the node on the canvas and shows its trace: both attempts, the first with its error.
    await viewer.timelineRow('fetch').click();
    await expect(viewer.timelineRow('fetch')).toHaveAttribute('aria-pressed', 'true');
    await expect(editor.node('fetch')).toHaveClass(/selected/);
    const attempts = viewer.trace.getByTestId(VIEWER_IDS.traceAttempt);
    await expect(attempts).toHaveCount(2);
    await expect(attempts.first()).toHaveAttribute('data-outcome', 'retried');
    await expect(attempts.first()).toContainText('OPR-108');
    await expect(attempts.last()).toHaveAttribute('data-outcome', 'succeeded');
    await expect(viewer.tracePort('outputs', 'out')).toContainText('"ok": true');
    await editor.screenshot('run-viewer-timeline.png');
    expect(editor.errors).toEqual([]);
  } finally {
    await flaky.close();
  }
});
