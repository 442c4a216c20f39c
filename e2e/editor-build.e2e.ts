import { TEST_IDS } from '../src-renderer/test-ids.ts';
import { expect, test } from './fixtures/editor.ts';
import { holdPageTimers, installPageClock, releasePageTimers } from './fixtures/page-clock.ts';
import { EVENT_WAIT_MS } from '../src-main/services/testing/waiting.ts';

const EXPRESSION = '{ "answer": 6 * 7 }';

test('a workflow drawn from the palette saves, survives a reload, and runs', async ({ editor, api }) => {
  const { page } = editor;
  await installPageClock(page);
  await editor.goto();
  await editor.byTestId(TEST_IDS.newWorkflow).click();
  // A new workflow starts with a manual trigger.
  await expect(editor.canvasNodes).toHaveCount(1);
  const [trigger] = await editor.nodeIds();
  if (trigger === undefined) throw new Error('no trigger node');

  // A lone node is shown zoomed in: zoom out, then drop the new nodes clear of the trigger (a dropped node's top-left
  // corner is the drop point), so no node covers another's handles and none lands under the minimap.
  await editor.zoomOut(4);
  const start = await editor.boxInPane(trigger);
  // Nodes are taller with their key settings: keep the transform's output handle clear of the MiniMap.
  const transform = await editor.addFromPalette('core.transform', { x: start.right + 60, y: start.top + 20 });
  const output = await editor.addFromPalette('core.output', { x: start.left, y: start.bottom + 150 });
  await editor.connect({ node: trigger, port: 'out' }, { node: transform, port: 'in' });
  await expect(editor.edges).toHaveCount(1);
  await editor.connect({ node: transform, port: 'out' }, { node: output, port: 'in' });
  await expect(editor.edges).toHaveCount(2);

  // The dirty marker shows until the autosave fires on the page's clock: held still while the test looks for it.
  await holdPageTimers(page);
  await editor.node(transform).click();
  await editor.inspectorField('expression').fill(EXPRESSION);
  await expect(editor.byTestId(TEST_IDS.dirtyMarker)).toBeVisible();
  await editor.byTestId(TEST_IDS.saveButton).click();
  await expect(editor.byTestId(TEST_IDS.dirtyMarker)).toBeHidden();
  await releasePageTimers(page);

  // What the server stored is what was drawn.
  const { workflows } = await api.client.call('workflows.list', {});
  expect(workflows).toHaveLength(1);
  const id = workflows[0]?.id ?? '';
  const stored = await api.client.call('workflows.open', { id });
  expect(stored.problems).toEqual([]);
  expect(stored.workflow.nodes.map((node) => [node.id, node.type]).sort()).toEqual(
    [
      [trigger, 'core.manual-trigger'],
      [transform, 'core.transform'],
      [output, 'core.output'],
    ].sort(),
  );
  expect(stored.workflow.nodes.find((node) => node.id === transform)?.config).toMatchObject({ expression: EXPRESSION });
  expect(stored.workflow.edges.map((edge) => `${edge.source}.${edge.sourcePort}->${edge.target}.${edge.targetPort}`).sort()).toEqual(
    [`${trigger}.out->${transform}.in`, `${transform}.out->${output}.in`].sort(),
  );

  await page.reload();
  await editor.openWorkflow(id, 3);
  await expect(editor.edges).toHaveCount(2);
  await editor.node(transform).click();
  await expect(editor.inspectorField('expression')).toHaveValue(EXPRESSION);

  await editor.byTestId(TEST_IDS.runButton).click();
  await expect(editor.byTestId(TEST_IDS.runStatus)).toHaveText('succeeded', { timeout: EVENT_WAIT_MS });
  for (const node of [trigger, transform, output]) await expect(editor.nodeStatus(node), `status of ${node}`).toHaveText('succeeded');
  await expect(editor.byTestId(TEST_IDS.runOutputs)).toContainText('42');
  expect(editor.errors).toEqual([]);
});
