import { TEST_IDS } from '../src-renderer/test-ids.ts';
import { seedExample } from './fixtures/api.ts';
import { expect, test } from './fixtures/editor.ts';
import { holdPageTimers, installPageClock } from './fixtures/page-clock.ts';

test('undo brings back a deleted node with its edges, and redo deletes it again', async ({ editor, api }) => {
  await seedExample(api, 'diamond');
  // The dirty marker shows until the autosave fires on the page's clock: held still, so a slow machine cannot save first.
  await installPageClock(editor.page);
  await editor.goto();
  await editor.openWorkflow('diamond', 7);
  await holdPageTimers(editor.page);
  await expect(editor.edges).toHaveCount(8);
  await expect(editor.byTestId(TEST_IDS.undoButton)).toBeDisabled();

  await editor.node('max').click();
  await editor.page.keyboard.press('Delete');
  await expect(editor.node('max')).toHaveCount(0);
  await expect(editor.canvasNodes).toHaveCount(6);
  await expect(editor.edges).toHaveCount(6);
  await expect(editor.byTestId(TEST_IDS.dirtyMarker)).toBeVisible();

  await editor.byTestId(TEST_IDS.undoButton).click();
  await expect(editor.node('max')).toBeVisible();
  await expect(editor.canvasNodes).toHaveCount(7);
  await expect(editor.edges).toHaveCount(8);

  await editor.byTestId(TEST_IDS.redoButton).click();
  await expect(editor.node('max')).toHaveCount(0);
  await expect(editor.edges).toHaveCount(6);

  await editor.byTestId(TEST_IDS.undoButton).click();
  await expect(editor.node('max')).toBeVisible();
  await expect(editor.byTestId(TEST_IDS.redoButton)).toBeEnabled();
  expect(editor.errors).toEqual([]);
});
