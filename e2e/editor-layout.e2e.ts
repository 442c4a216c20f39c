import type { Page } from '@playwright/test';
import { TEST_IDS } from '../src-renderer/test-ids.ts';
import { seedExample } from './fixtures/api.ts';
import { expect, test } from './fixtures/editor.ts';
import { holdPageTimers, installPageClock } from './fixtures/page-clock.ts';

/** Every canvas node's position in flow coordinates (React Flow's `translate(x, y)`; independent of zoom and pan). */
async function flowPositions(page: Page): Promise<Record<string, string>> {
  const positions: Record<string, string> = {};
  for (const node of await page.locator('.react-flow__node').all()) {
    const style = (await node.getAttribute('style')) ?? '';
    positions[(await node.getAttribute('data-id')) ?? ''] = /translate\([^)]*\)/.exec(style)?.[0] ?? style;
  }
  return positions;
}

test('auto-layout arranges the nodes left to right in one step, and undo puts every node back', async ({ editor, api }) => {
  const stored = await seedExample(api, 'diamond');
  // The dirty marker shows until the autosave, 1.5 s after the edit by the page's clock: held still, so a slow machine
  // cannot save before the test looks.
  await installPageClock(editor.page);
  await editor.goto();
  await editor.openWorkflow('diamond', 7);
  await holdPageTimers(editor.page);
  const before = await flowPositions(editor.page);

  await editor.byTestId(TEST_IDS.layoutButton).click();
  await expect.poll(() => flowPositions(editor.page)).not.toEqual(before);
  await expect(editor.byTestId(TEST_IDS.dirtyMarker)).toBeVisible();
  // Left to right: every edge's source box ends left of its target box.
  for (const edge of stored.workflow.edges) {
    const source = await editor.boxInPane(edge.source);
    const target = await editor.boxInPane(edge.target);
    expect(source.right, `${edge.source} → ${edge.target}`).toBeLessThan(target.left);
  }

  await editor.byTestId(TEST_IDS.undoButton).click();
  await expect.poll(() => flowPositions(editor.page)).toEqual(before);
  await expect(editor.byTestId(TEST_IDS.undoButton)).toBeDisabled();

  // The shortcut does the same.
  await editor.page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
  await editor.page.keyboard.press('ControlOrMeta+Shift+L');
  await expect.poll(() => flowPositions(editor.page)).not.toEqual(before);
  expect(editor.errors).toEqual([]);
});

test('save as makes a second workflow with the same nodes, opens it, and leaves the original as it was', async ({ editor, api }) => {
  const original = await seedExample(api, 'diamond');
  await editor.goto();
  await editor.openWorkflow('diamond', 7);

  await editor.byTestId(TEST_IDS.saveAsButton).click();
  await editor.byTestId(TEST_IDS.saveAsName).fill('Diamond copy');
  await editor.byTestId(TEST_IDS.saveAsConfirm).click();

  await expect(editor.workflowListItem('diamond-copy')).toBeVisible();
  await expect(editor.workflowListItem('diamond')).toBeVisible();
  await expect(editor.byTestId(TEST_IDS.workflowName)).toHaveValue('Diamond copy');
  await expect(editor.canvasNodes).toHaveCount(7);

  const { workflows } = await api.client.call('workflows.list', { workspace: 'default' });
  expect(workflows.map((w) => w.id).sort()).toEqual(['diamond', 'diamond-copy']);
  const copy = await api.client.call('workflows.open', { workspace: 'default', id: 'diamond-copy' });
  const still = await api.client.call('workflows.open', { workspace: 'default', id: 'diamond' });
  expect(copy.workflow.nodes).toEqual(original.workflow.nodes);
  expect(copy.workflow.edges).toEqual(original.workflow.edges);
  expect(still.workflow).toEqual(original.workflow);

  // Edits now go to the copy.
  await editor.node('max').click();
  await editor.page.keyboard.press('Delete');
  await editor.byTestId(TEST_IDS.saveButton).click();
  await expect(editor.byTestId(TEST_IDS.dirtyMarker)).toHaveCount(0);
  await expect
    .poll(async () => (await api.client.call('workflows.open', { workspace: 'default', id: 'diamond-copy' })).workflow.nodes.length)
    .toBe(6);
  expect((await api.client.call('workflows.open', { workspace: 'default', id: 'diamond' })).workflow).toEqual(original.workflow);
  expect(editor.errors).toEqual([]);
});

test('closing the page with unsaved edits saves them and asks to confirm', async ({ editor, api }) => {
  await seedExample(api, 'diamond');
  // The page's timers run on a clock the test holds still once the workflow is open: the autosave's timer cannot fire,
  // so a save that arrives was sent on closing, however long it takes to arrive on a slow machine.
  await installPageClock(editor.page);
  await editor.goto();
  await editor.openWorkflow('diamond', 7);
  await holdPageTimers(editor.page);
  await editor.node('max').click();
  await editor.page.keyboard.press('Delete');
  await expect(editor.byTestId(TEST_IDS.dirtyMarker)).toBeVisible();

  const dialog = editor.page.waitForEvent('dialog');
  await editor.page.close({ runBeforeUnload: true });
  const asked = await dialog;
  expect(asked.type()).toBe('beforeunload');
  // The autosave delay never ends here, and the save is already on its way.
  await expect
    .poll(async () => (await api.client.call('workflows.open', { workspace: 'default', id: 'diamond' })).workflow.nodes.length)
    .toBe(6);
  await asked.accept();
  expect(editor.errors).toEqual([]);
});
