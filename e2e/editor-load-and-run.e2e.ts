import { TEST_IDS, workflowListItemId } from '../src-renderer/test-ids.ts';
import { seedExample } from './fixtures/api.ts';
import { expect, test } from './fixtures/editor.ts';
import { EVENT_WAIT_MS } from '../src-main/services/testing/waiting.ts';

const DIAMOND_NODES = ['start', 'sum', 'max', 'average', 'join', 'report', 'result'];

test('the page opens with the printed token and shows the workflow list and the palette', async ({ editor }) => {
  const { page } = editor;
  // A fresh data folder has no workflows: the list is there, and empty.
  await expect(editor.byTestId(TEST_IDS.workflowList)).toBeAttached();
  await expect(editor.byTestId(TEST_IDS.workflowList).locator('[data-testid^="workflow-list-item-"]')).toHaveCount(0);
  // The token is moved to session storage and out of the address bar (history, bookmarks, screenshots).
  expect(new URL(page.url()).searchParams.has('token')).toBe(false);
  await editor.screenshot('editor-empty.png');

  // The palette belongs to an open workflow: it shows once one is created.
  await editor.byTestId(TEST_IDS.newWorkflow).click();
  for (const type of ['core.manual-trigger', 'core.transform', 'core.output']) {
    await expect(editor.paletteItem(type), `the palette should list ${type}`).toBeAttached();
  }
  expect(editor.errors).toEqual([]);
});

test('the page without the token cannot reach the API and shows it is offline', async ({ page, served, api }) => {
  await seedExample(api, 'diamond');
  await page.goto(served.origin);
  // The server refuses the WebSocket without the token (401), so nothing of the workspace shows, and the page says
  // how to get in.
  await expect(page.getByText('Offline: open the URL that operon serve printed (it carries the token)')).toBeVisible();
  await expect(page.getByTestId(workflowListItemId('diamond'))).toHaveCount(0);
});

test('a seeded workflow opens from the list with every node, runs, and every node succeeds', async ({ editor, api }) => {
  await seedExample(api, 'diamond');
  await editor.goto();
  await editor.openWorkflow('diamond', DIAMOND_NODES.length);
  for (const id of DIAMOND_NODES) await expect(editor.node(id), `node ${id}`).toBeInViewport();

  await editor.byTestId(TEST_IDS.runButton).click();
  await expect(editor.byTestId(TEST_IDS.runStatus)).toHaveText('succeeded', { timeout: EVENT_WAIT_MS });
  for (const id of DIAMOND_NODES) await expect(editor.nodeStatus(id), `status of node ${id}`).toHaveText('succeeded');
  // The run the editor started is the server's run, with the diamond's result.
  const { runs } = await api.client.call('runs.list', { workflowId: 'diamond' });
  expect(runs.map((run) => (run.kind === 'run' ? run.status : run.problem))).toEqual(['succeeded']);
  await expect(editor.byTestId(TEST_IDS.runOutputs)).toContainText('3.875');
  await editor.screenshot('editor-workflow.png');
  expect(editor.errors).toEqual([]);
});
