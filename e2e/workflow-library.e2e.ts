import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { exampleOpenId, LIBRARY_IDS, TEST_IDS, workflowMenuId } from '../src-renderer/test-ids.ts';
import { seedExample } from './fixtures/api.ts';
import { ARTIFACTS, expect, test } from './fixtures/editor.ts';

const EXAMPLES = path.join(import.meta.dirname, '../resources/examples');

test('the list searches, renames, duplicates, exports and deletes workflows', async ({ editor, api }, testInfo) => {
  await seedExample(api, 'diamond');
  await seedExample(api, 'approval');
  await editor.goto();
  const { page } = editor;
  const search = editor.byTestId(LIBRARY_IDS.workflowSearch);

  // Search by any word of the name or description, accents and case ignored.
  await search.fill('PARALLEL');
  await expect(editor.workflowListItem('diamond')).toBeVisible();
  await expect(editor.workflowListItem('refund-approval')).toHaveCount(0);
  await search.fill('zebra');
  await expect(editor.byTestId(LIBRARY_IDS.workflowSearchEmpty)).toContainText('zebra');
  await search.press('Escape');
  await expect(editor.workflowListItem('refund-approval')).toBeVisible();
  // The full name and the description are there on hover, however narrow the list.
  await expect(editor.workflowListItem('diamond')).toHaveAttribute('title', /^Diamond: parallel statistics\nThree statistics/);

  // Rename a workflow that is not open, from its menu.
  await editor.byTestId(workflowMenuId('refund-approval')).click();
  await editor.byTestId(LIBRARY_IDS.menuRename).click();
  await editor.byTestId(LIBRARY_IDS.renameInput).fill('Refunds over 100');
  await editor.byTestId(LIBRARY_IDS.renameInput).press('Enter');
  await expect(editor.workflowListItem('refund-approval')).toContainText('Refunds over 100');
  expect((await api.client.call('workflows.open', { id: 'refund-approval' })).workflow.name).toBe('Refunds over 100');

  // Rename the open one by double-clicking it: the editor's name follows, and its next save keeps it.
  await editor.openWorkflow('diamond', 7);
  await editor.workflowListItem('diamond').dblclick();
  await editor.byTestId(LIBRARY_IDS.renameInput).fill('Diamond stats');
  await editor.byTestId(LIBRARY_IDS.renameInput).press('Enter');
  await expect(editor.byTestId(TEST_IDS.workflowName)).toHaveValue('Diamond stats');
  await expect.poll(async () => (await api.client.call('workflows.open', { id: 'diamond' })).workflow.name).toBe('Diamond stats');
  // Escape cancels a rename.
  await editor.workflowListItem('diamond').dblclick();
  await editor.byTestId(LIBRARY_IDS.renameInput).fill('Never mind');
  await editor.byTestId(LIBRARY_IDS.renameInput).press('Escape');
  await expect(editor.workflowListItem('diamond')).toContainText('Diamond stats');

  // Export from the menu: the file is named after the workflow.
  const downloading = page.waitForEvent('download');
  await editor.byTestId(workflowMenuId('refund-approval')).click();
  await editor.byTestId(LIBRARY_IDS.menuExport).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('Refunds over 100.operon.json');
  const file = testInfo.outputPath('export.operon.json');
  await download.saveAs(file);
  expect(await readFile(file, 'utf8')).toBe((await api.client.call('workflows.export', { id: 'refund-approval' })).text);

  // Duplicate: the copy opens, and the original stays.
  await editor.byTestId(workflowMenuId('diamond')).click();
  await editor.byTestId(LIBRARY_IDS.menuDuplicate).click();
  await expect(editor.byTestId(TEST_IDS.workflowName)).toHaveValue('Diamond stats copy');
  await expect(editor.canvasNodes).toHaveCount(7);
  const ids = (await api.client.call('workflows.list', {})).workflows.map((w) => w.id);
  expect(ids).toHaveLength(3);
  const copyId = ids.find((id) => id !== 'diamond' && id !== 'refund-approval')!;

  // Delete asks first; Cancel keeps the workflow.
  await editor.byTestId(workflowMenuId('diamond')).click();
  await editor.byTestId(LIBRARY_IDS.menuDelete).click();
  await expect(editor.byTestId(LIBRARY_IDS.deleteDialog)).toContainText('Delete “Diamond stats”?');
  await editor.screenshot('workflow-delete-dialog.png');
  await editor.byTestId(LIBRARY_IDS.deleteDialog).getByRole('button', { name: 'Cancel' }).click();
  await expect(editor.workflowListItem('diamond')).toBeVisible();
  // Delete the open copy: the editor closes to the start page, the file is gone.
  await editor.byTestId(workflowMenuId(copyId)).click();
  await editor.byTestId(LIBRARY_IDS.menuDelete).click();
  await editor.byTestId(LIBRARY_IDS.deleteConfirm).click();
  await expect(editor.byTestId(LIBRARY_IDS.startPage)).toBeVisible();
  await expect(editor.workflowListItem(copyId)).toHaveCount(0);
  await expect(editor.byTestId(TEST_IDS.toast)).toContainText('Deleted "Diamond stats copy"');
  expect((await api.client.call('workflows.list', {})).workflows.map((w) => w.id).sort()).toEqual(['diamond', 'refund-approval']);
  expect(editor.errors).toEqual([]);
});

test('the URL names the open workflow: reload and Back reopen it, a stale bookmark lands on the start page', async ({ editor, api }) => {
  await seedExample(api, 'diamond');
  await seedExample(api, 'approval');
  await editor.goto();
  const { page } = editor;

  await editor.openWorkflow('diamond', 7);
  await expect(page).toHaveURL(/#\/workflows\/diamond$/);
  await editor.openWorkflow('refund-approval', 7);
  await expect(page).toHaveURL(/#\/workflows\/refund-approval$/);

  await page.reload();
  await expect(editor.byTestId(TEST_IDS.workflowName)).toHaveValue('Refund approval');
  await expect(editor.canvasNodes).toHaveCount(7);

  await page.goBack();
  await expect(editor.byTestId(TEST_IDS.workflowName)).toHaveValue('Diamond: parallel statistics');
  await page.goForward();
  await expect(editor.byTestId(TEST_IDS.workflowName)).toHaveValue('Refund approval');

  // A bookmark of a workflow deleted since: the start page, the reason, and no broken URL left behind.
  const bookmark = page.url().replace('refund-approval', 'diamond');
  await api.client.call('workflows.delete', { id: 'diamond' });
  // Followed in this window (Back to a deleted one): the open workflow stays, and so does its URL.
  await page.goto(bookmark);
  await expect(editor.byTestId(TEST_IDS.toast)).toContainText('Could not open "Diamond: parallel statistics"');
  await expect(editor.byTestId(TEST_IDS.workflowName)).toHaveValue('Refund approval');
  await expect(page).toHaveURL(/#\/workflows\/refund-approval$/);
  // Opened afresh:
  await page.goto('about:blank');
  await page.goto(bookmark);
  await expect(editor.byTestId(LIBRARY_IDS.startPage)).toBeVisible();
  await expect(editor.byTestId(TEST_IDS.toast)).toContainText('Could not open');
  await expect(page).toHaveURL(/#\/$/);
  expect(editor.errors.filter((error) => !error.includes('OPR-161'))).toEqual([]);
});

test('the start page offers every example with its description, and opens a copy', async ({ editor, api }) => {
  await editor.goto();
  const gallery = editor.byTestId(LIBRARY_IDS.examplesGallery);
  const shipped = (await readdir(EXAMPLES)).filter((name) => name.endsWith('.operon.json'));
  await expect(gallery.locator('.example-card')).toHaveCount(shipped.length);
  const triage = JSON.parse(await readFile(path.join(EXAMPLES, 'ticket-triage.operon.json'), 'utf8')) as { description: string };
  await expect(gallery).toContainText(triage.description);
  await expect(gallery.locator('.example-card', { hasText: 'Ticket triage' })).toContainText('Needs a model');
  await expect(gallery.locator('.example-card', { hasText: 'Diamond' })).not.toContainText('Needs a model');
  await editor.page.screenshot({ path: path.join(ARTIFACTS, 'start-page-light.png') });
  await editor.byTestId(TEST_IDS.themeToggle).click();
  await editor.page.screenshot({ path: path.join(ARTIFACTS, 'start-page-dark.png') });
  await editor.byTestId(TEST_IDS.themeToggle).click();

  await editor.byTestId(exampleOpenId('diamond')).click();
  await expect(editor.byTestId(TEST_IDS.workflowName)).toHaveValue('Diamond: parallel statistics');
  await expect(editor.canvasNodes).toHaveCount(7);
  await expect(editor.page).toHaveURL(/#\/workflows\/diamond$/);
  // A second copy gets its own id; the example on the shelf is untouched.
  await editor.page.goto(editor.served.url);
  await editor.byTestId(exampleOpenId('diamond')).click();
  await expect(editor.page).toHaveURL(/#\/workflows\/diamond-2$/);
  expect((await api.client.call('workflows.list', {})).workflows.map((w) => w.id)).toEqual(['diamond', 'diamond-2']);
  expect(editor.errors).toEqual([]);
});
