import { COMPARE_IDS, compareDiffId, VIEWER_IDS } from '../src-renderer/test-ids.ts';
import { expect, test } from './fixtures/editor.ts';
import { seedWorkflow } from './fixtures/api.ts';
import { RunViewer, runToEnd } from './fixtures/run-viewer.ts';

test('comparing two runs marks the node whose output differs, lists the fields that differ and shows both values side by side', async ({
  editor,
  api,
}) => {
  await seedWorkflow(api, {
    id: 'viewer-compare',
    name: 'Viewer: compare',
    inputs: { type: 'object', properties: { x: { type: 'number' } } },
    nodes: [
      { id: 'start', type: 'core.manual-trigger' },
      { id: 'double', type: 'core.transform', config: { expression: '{ "value": x * 2, "unit": "items" }' } },
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
  await expect(viewer.compareRow('double').locator('.compare-mark[title="Outputs different"]')).toHaveText('outputs');
  await expect(viewer.compareRow('sign')).toHaveAttribute('data-inputs', 'different');
  await expect(viewer.compareRow('sign')).toHaveAttribute('data-outputs', 'same');
  await expect(viewer.compareRow('result')).toHaveAttribute('data-outputs', 'same'); // an Output node has no outputs
  await expect(editor.byTestId(VIEWER_IDS.compareSummary)).toContainText('of 4 nodes differ');

  // Select double: where its inputs and outputs differ (value changed, unit did not), then both runs' values side by side.
  await viewer.compareRow('double').click();
  await expect(editor.node('double')).toHaveClass(/selected/);
  const outputs = editor.byTestId(compareDiffId('outputs', 'out'));
  await expect(outputs).toHaveAttribute('data-same', 'false');
  await expect(outputs.getByTestId(COMPARE_IDS.diffEntry)).toHaveCount(1);
  await expect(outputs.getByTestId(COMPARE_IDS.diffEntry)).toHaveAttribute('data-path', 'value');
  await expect(outputs.getByTestId(COMPARE_IDS.diffEntry)).toHaveText('value 4 → 10');
  await expect(outputs).not.toContainText('unit');
  await expect(editor.byTestId(compareDiffId('inputs', 'in')).getByTestId(COMPARE_IDS.diffEntry)).toHaveText(['x 2 → 5']);

  // Both values show key by key, the key that differs highlighted.
  const key = (side: 'a' | 'b', which: 'inputs' | 'outputs', port: string, name: string) =>
    viewer.comparePort(side, which, port).locator(`[data-testid="${COMPARE_IDS.key}"][data-key="${name}"]`);
  await expect(key('a', 'outputs', 'out', 'value')).toHaveAttribute('data-differs', 'true');
  await expect(key('a', 'outputs', 'out', 'value').getByTestId(VIEWER_IDS.valueText)).toHaveText('4');
  await expect(key('b', 'outputs', 'out', 'value').getByTestId(VIEWER_IDS.valueText)).toHaveText('10');
  const transparent = 'rgba(0, 0, 0, 0)';
  await expect(key('b', 'outputs', 'out', 'value')).not.toHaveCSS('background-color', transparent);
  await expect(key('b', 'outputs', 'out', 'unit')).toHaveCSS('background-color', transparent);
  await expect(key('a', 'outputs', 'out', 'unit')).toHaveAttribute('data-differs', 'false');
  await expect(key('b', 'outputs', 'out', 'unit').getByTestId(VIEWER_IDS.valueText)).toHaveText('"items"');
  await expect(key('a', 'inputs', 'in', 'x').getByTestId(VIEWER_IDS.valueText)).toHaveText('2');
  await expect(key('b', 'inputs', 'in', 'x').getByTestId(VIEWER_IDS.valueText)).toHaveText('5');

  await editor.screenshot('run-viewer-compare.png');

  // sign took other inputs but gave the same output.
  await viewer.compareRow('sign').click();
  await expect(editor.byTestId(compareDiffId('outputs', 'out'))).toHaveText('same');
  await expect(editor.byTestId(compareDiffId('outputs', 'out'))).toHaveAttribute('data-same', 'true');
  await expect(viewer.comparePort('b', 'outputs', 'out').getByTestId(VIEWER_IDS.valueText)).toHaveText('"positive"');

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
