import { VIEWER_IDS } from '../src-renderer/test-ids.ts';
import { expect, test } from './fixtures/editor.ts';
import { seedWorkflow } from './fixtures/api.ts';
import { RunViewer, runToEnd } from './fixtures/run-viewer.ts';

test('comparing two runs marks the node whose output differs and shows both values side by side', async ({ editor, api }) => {
  await seedWorkflow(api, {
    id: 'viewer-compare',
    name: 'Viewer: compare',
    inputs: { type: 'object', properties: { x: { type: 'number' } } },
    nodes: [
      { id: 'start', type: 'core.manual-trigger' },
      { id: 'double', type: 'core.transform', config: { expression: 'x * 2' } },
      { id: 'sign', type: 'core.transform', config: { expression: 'x > 0 ? "positive" : "not positive"' }, position: { x: 260, y: 260 } },
      { id: 'result', type: 'core.output', config: { name: 'doubled' } },
    ],
    edges: [
      ['start', 'double'],
      ['start', 'sign'],
      ['double', 'result'],
    ],
  });
  const first = await runToEnd(api, 'viewer-compare', { x: 2 });
  const second = await runToEnd(api, 'viewer-compare', { x: 5 });

  const viewer = new RunViewer(editor);
  await editor.goto();
  await editor.openWorkflow('viewer-compare', 4);

  // Pick the two runs in History and compare them: A is the earlier run.
  await viewer.showTab('history');
  await viewer.historyPick(second.runId).check();
  await viewer.historyPick(first.runId).check();
  await editor.byTestId(VIEWER_IDS.historyCompare).click();
  await expect(editor.byTestId(VIEWER_IDS.comparePanel)).toBeVisible();
  await expect(editor.byTestId(VIEWER_IDS.compareRunA)).toHaveValue(first.runId);
  await expect(editor.byTestId(VIEWER_IDS.compareRunB)).toHaveValue(second.runId);

  // Every node took other inputs (x differs); double's output differs, sign's ("positive" both times) does not.
  await expect(viewer.compareRow('double')).toHaveAttribute('data-outputs', 'different');
  await expect(viewer.compareRow('double')).toHaveAttribute('data-differs', 'true');
  await expect(viewer.compareRow('double')).toContainText('outputs different');
  await expect(viewer.compareRow('sign')).toHaveAttribute('data-inputs', 'different');
  await expect(viewer.compareRow('sign')).toHaveAttribute('data-outputs', 'same');
  await expect(viewer.compareRow('result')).toHaveAttribute('data-outputs', 'same'); // an Output node has no outputs
  await expect(editor.byTestId(VIEWER_IDS.compareSummary)).toContainText('of 4 nodes differ');

  // Select double: its inputs and outputs from both runs, side by side.
  await viewer.compareRow('double').click();
  await expect(editor.node('double')).toHaveClass(/selected/);
  await expect(viewer.comparePort('a', 'outputs', 'out').getByTestId(VIEWER_IDS.valueText)).toHaveText('4');
  await expect(viewer.comparePort('b', 'outputs', 'out').getByTestId(VIEWER_IDS.valueText)).toHaveText('10');
  await expect(viewer.comparePort('a', 'inputs', 'in').getByTestId(VIEWER_IDS.valueText)).toHaveText(JSON.stringify({ x: 2 }, null, 2));
  await expect(viewer.comparePort('b', 'inputs', 'in').getByTestId(VIEWER_IDS.valueText)).toHaveText(JSON.stringify({ x: 5 }, null, 2));

  await editor.screenshot('run-viewer-compare.png');

  // Only differences: sign stays (its inputs differ). A run compared with itself has none.
  await editor.byTestId(VIEWER_IDS.compareOnlyChanged).check();
  await expect(viewer.compareRow('sign')).toBeVisible();
  await editor.byTestId(VIEWER_IDS.compareRunA).selectOption(second.runId);
  await expect(editor.byTestId(VIEWER_IDS.compareSummary)).toContainText('0 of 4 nodes differ');
  await expect(viewer.compareRow('double')).toHaveCount(0);
  await editor.byTestId(VIEWER_IDS.compareOnlyChanged).uncheck();
  await expect(viewer.compareRow('double')).toHaveAttribute('data-differs', 'false');
  expect(editor.errors).toEqual([]);
});
