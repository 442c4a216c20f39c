import { readFile } from 'node:fs/promises';
import { TEST_IDS } from '../src-renderer/test-ids.ts';
import { seedExample } from './fixtures/api.ts';
import { expect, test } from './fixtures/editor.ts';

test('export downloads the API export, and importing that file creates a workflow', async ({ editor, api }, testInfo) => {
  await seedExample(api, 'diamond');
  await editor.goto();
  await editor.openWorkflow('diamond', 7);

  const downloading = editor.page.waitForEvent('download');
  await editor.byTestId(TEST_IDS.exportButton).click();
  const download = await downloading;
  const expected = await api.client.call('workflows.export', { id: 'diamond' });
  expect(download.suggestedFilename()).toBe(expected.fileName);
  expect(download.suggestedFilename()).toMatch(/\.operon\.json$/);
  const file = testInfo.outputPath(download.suggestedFilename());
  await download.saveAs(file);
  expect(await readFile(file, 'utf8')).toBe(expected.text);

  await editor.byTestId(TEST_IDS.importInput).setInputFiles(file);
  // The id is taken, so the import gets a suffix rather than replacing the diamond.
  await expect(editor.workflowListItem('diamond-2')).toBeVisible();
  const { workflows } = await api.client.call('workflows.list', {});
  expect(workflows.map((workflow) => workflow.id).sort()).toEqual(['diamond', 'diamond-2']);
  const imported = await api.client.call('workflows.open', { id: 'diamond-2' });
  const original = await api.client.call('workflows.open', { id: 'diamond' });
  expect({ ...imported.workflow, id: 'diamond' }).toEqual(original.workflow);
  expect(editor.errors).toEqual([]);
});
