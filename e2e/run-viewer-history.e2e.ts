import { TEST_IDS, VIEWER_IDS } from '../src-renderer/test-ids.ts';
import { expect, test } from './fixtures/editor.ts';
import { seedWorkflow } from './fixtures/api.ts';
import { RunViewer, runToEnd } from './fixtures/run-viewer.ts';

/** `check` fails for a negative x: the run fails there, and `after` is never reached. */
async function seedChecked(api: Parameters<typeof seedWorkflow>[0]): Promise<void> {
  await seedWorkflow(api, {
    id: 'viewer-history',
    name: 'Viewer: history',
    inputs: { type: 'object', properties: { x: { type: 'number' } } },
    nodes: [
      { id: 'start', type: 'core.manual-trigger' },
      { id: 'check', type: 'core.transform', config: { expression: 'x >= 0 ? x * 2 : $error("x is negative")' } },
      { id: 'after', type: 'core.transform', config: { expression: '$ + 1' } },
      { id: 'result', type: 'core.output', config: { name: 'value' } },
    ],
    edges: [
      ['start', 'check'],
      ['check', 'after'],
      ['after', 'result'],
    ],
  });
}

test('history filters runs by status, and opening a past run draws its statuses on the canvas', async ({ editor, api }) => {
  await seedChecked(api);
  const good = await runToEnd(api, 'viewer-history', { x: 2 });
  const bad = await runToEnd(api, 'viewer-history', { x: -1 });
  expect([good.status, bad.status]).toEqual(['succeeded', 'failed']);

  const viewer = new RunViewer(editor);
  await editor.goto();
  await editor.openWorkflow('viewer-history', 4);
  await viewer.showTab('history');
  await expect(viewer.historyRows).toHaveCount(2);
  // Newest first.
  await expect(viewer.historyRows.first()).toHaveAttribute('data-testid', `history-row-${bad.runId}`);

  // Filter by status: failed runs only, then succeeded only, then all again.
  await viewer.historyStatus('failed').check();
  await expect(viewer.historyRows).toHaveCount(1);
  await expect(viewer.historyRow(bad.runId)).toHaveAttribute('data-status', 'failed');
  await viewer.historyStatus('failed').uncheck();
  await viewer.historyStatus('succeeded').check();
  await expect(viewer.historyRows).toHaveCount(1);
  await expect(viewer.historyRow(good.runId)).toBeVisible();
  await viewer.historyStatus('succeeded').uncheck();
  await expect(viewer.historyRows).toHaveCount(2);

  // Filter by date: nothing started tomorrow; both started today.
  const day = (offset: number) => {
    const at = new Date();
    at.setDate(at.getDate() + offset);
    return `${at.getFullYear()}-${String(at.getMonth() + 1).padStart(2, '0')}-${String(at.getDate()).padStart(2, '0')}`;
  };
  await editor.byTestId(VIEWER_IDS.historySince).fill(day(1));
  await expect(viewer.historyRows).toHaveCount(0);
  await editor.byTestId(VIEWER_IDS.historySince).fill(day(0));
  await editor.byTestId(VIEWER_IDS.historyUntil).fill(day(0));
  await expect(viewer.historyRows).toHaveCount(2);

  // Open the failed run: its statuses on the canvas, the failing node's trace with its error.
  await viewer.historyStatus('failed').check();
  await viewer.historyRow(bad.runId).click();
  await expect(editor.nodeStatus('start')).toHaveText('succeeded');
  await expect(editor.nodeStatus('check')).toHaveText('failed');
  await expect(editor.nodeStatus('after'), 'never reached: no badge').toHaveCount(0);
  await expect(editor.byTestId(VIEWER_IDS.shownRun).first()).toContainText(bad.runId);
  // The run ran the workflow as it is now: no "earlier version" notice.
  await expect(editor.byTestId(VIEWER_IDS.runOutdated)).toHaveCount(0);
  await editor.node('check').click();
  await expect(viewer.trace.getByTestId(VIEWER_IDS.traceStatus)).toHaveText('failed');
  await expect(viewer.trace.getByTestId(VIEWER_IDS.traceAttempt)).toContainText('x is negative');
  await expect(viewer.tracePort('inputs', 'in')).toContainText('"x": -1');

  // Open the good run: the statuses change with it.
  await viewer.historyStatus('failed').uncheck();
  await viewer.historyRow(good.runId).click();
  for (const id of ['start', 'check', 'after', 'result']) await expect(editor.nodeStatus(id), id).toHaveText('succeeded');
  await expect(viewer.tracePort('outputs', 'out')).toContainText('4');

  // Change the workflow: the past run now says plainly that it ran an earlier version.
  await editor.node('after').click();
  await viewer.showTab('node');
  await editor.inspectorField('expression').fill('$ + 2');
  await viewer.showTab('history');
  await viewer.historyRow(good.runId).click();
  await expect(editor.byTestId(VIEWER_IDS.runOutdated).first()).toHaveText('This run ran an earlier version of the workflow.');
  expect(editor.errors).toEqual([]);
});

test('opening a run of another workflow from the workspace history opens that workflow with the run', async ({ editor, api }) => {
  await seedChecked(api);
  await seedWorkflow(api, {
    id: 'viewer-other',
    name: 'Viewer: other',
    nodes: [
      { id: 'begin', type: 'core.manual-trigger' },
      { id: 'done', type: 'core.output', config: { name: 'all' } },
    ],
    edges: [['begin', 'done']],
  });
  const other = await runToEnd(api, 'viewer-other');
  expect(other.status).toBe('succeeded');

  const viewer = new RunViewer(editor);
  await editor.goto();
  await editor.openWorkflow('viewer-history', 4);
  await viewer.showTab('history');
  await expect(viewer.historyRows).toHaveCount(0);
  await editor.byTestId(VIEWER_IDS.historyScopeWorkspace).click();
  await expect(viewer.historyRow(other.runId)).toContainText('Viewer: other');
  await viewer.historyRow(other.runId).click();

  await expect(editor.byTestId(TEST_IDS.workflowName)).toHaveValue('Viewer: other');
  await expect(editor.canvasNodes).toHaveCount(2);
  await expect(editor.nodeStatus('begin')).toHaveText('succeeded');
  await expect(editor.nodeStatus('done')).toHaveText('succeeded');
  await expect(editor.byTestId(VIEWER_IDS.shownRun).first()).toContainText(other.runId);
  expect(editor.errors).toEqual([]);
});
