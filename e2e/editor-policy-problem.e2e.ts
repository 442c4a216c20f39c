import { ROOM_IDS, TEST_IDS } from '../src-renderer/test-ids.ts';
import { seedExample } from './fixtures/api.ts';
import { expect, test } from './fixtures/editor.ts';

// What the workspace policy refuses is a problem in the editor (OPR-261 here: a node type the policy does not allow),
// found with the policy the workspace has (policy.get), before any run would refuse it.

test('a node whose type the workspace policy does not allow is listed in the problems, by its label', async ({ editor, api, page }) => {
  await seedExample(api, 'http-etl');
  const allowed = ['core.manual-trigger', 'core.transform', 'core.map', 'core.write-file', 'core.read-file', 'core.output'];
  await api.client.call('policy.set', { workspace: 'default', policy: { nodeTypes: allowed } });
  await editor.goto();
  await editor.openWorkflow('orders-etl', 9);
  await expect(editor.byTestId(ROOM_IDS.bottomProblems)).toHaveText('1 problem');
  await editor.byTestId(ROOM_IDS.bottomProblems).click();
  const problem = editor.byTestId(TEST_IDS.problemItem);
  await expect(problem).toHaveCount(1);
  await expect(problem).toContainText('OPR-261');
  await expect(problem).toContainText('is of the type HTTP request (core.http-request), which the workspace policy does not allow');
  await editor.screenshot('policy-problem-light.png');
  await editor.byTestId(TEST_IDS.themeToggle).click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await editor.screenshot('policy-problem-dark.png');
});
