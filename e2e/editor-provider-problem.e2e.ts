import { ROOM_IDS, TEST_IDS } from '../src-renderer/test-ids.ts';
import { seedExample } from './fixtures/api.ts';
import { expect, test } from './fixtures/editor.ts';

// A model provider that is not configured where the editor runs is a problem (OPR-180) on the node that names it,
// found with the providers the workspace lists (providers.list). The server here has no provider configured.

test('an LLM node naming a provider that is not configured is listed in the problems, by its label', async ({ editor, api, page }) => {
  await seedExample(api, 'ticket-triage');
  await editor.goto();
  await editor.openWorkflow('ticket-triage', 7);
  await expect(editor.byTestId(ROOM_IDS.bottomProblems)).toHaveText('1 problem');
  await editor.byTestId(ROOM_IDS.bottomProblems).click();
  const problem = editor.byTestId(TEST_IDS.problemItem);
  await expect(problem).toHaveCount(1);
  await expect(problem).toContainText('OPR-180');
  await expect(problem.locator('.problem-where')).toHaveText('Classify ticket');
  await expect(problem).toContainText('the model provider "openai" is not configured (no provider is configured here)');
  await editor.screenshot('provider-problem-light.png');
  await editor.byTestId(TEST_IDS.themeToggle).click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await editor.screenshot('provider-problem-dark.png');
});
