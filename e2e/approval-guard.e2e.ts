import path from 'node:path';
import type { Page } from '@playwright/test';
import { TEST_IDS, historyStarterId } from '../src-renderer/test-ids.ts';
import { seedWorkflow } from './fixtures/api.ts';
import { ARTIFACTS, expect, test, type Editor } from './fixtures/editor.ts';
import { RunViewer, runToEnd } from './fixtures/run-viewer.ts';

// Issue 14's approvals: the Approval node's Required role and Four-eyes in its generated form, saved into its config,
// and History naming who started each run (the server's local user here: OPERON_USER).

test.use({ serveEnv: { OPERON_USER: 'ana' } });

async function shoot(editor: Editor, page: Page, name: string): Promise<void> {
  for (const theme of ['light', 'dark'] as const) {
    if ((await page.locator('html').getAttribute('data-theme')) !== theme) await editor.byTestId(TEST_IDS.themeToggle).click();
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
    await page.screenshot({ path: path.join(ARTIFACTS, `${name}-${theme}.png`) });
  }
}

test('the Approval node sets who may decide (a role picker and a four-eyes switch), and History shows who started a run', async ({
  editor,
  api,
  page,
}) => {
  await seedWorkflow(api, {
    id: 'refunds',
    name: 'Refunds',
    nodes: [
      { id: 'start', type: 'core.manual-trigger' },
      { id: 'ask', type: 'core.approval', config: { title: 'Refund over 500?' } },
      { id: 'done', type: 'core.output', config: { name: 'refund' } },
    ],
    edges: [
      ['start', 'ask'],
      ['ask', 'done', 'approved'],
    ],
  });
  const waiting = await runToEnd(api, 'refunds');
  expect(waiting.status).toBe('waiting');

  await editor.goto();
  await editor.openWorkflow('refunds', 3);
  await editor.node('ask').click();
  const role = editor.inspectorField('requireRole');
  await expect(role.locator('option')).toHaveText(['Not set', 'Approver or owner', 'Owner only']);
  await role.selectOption({ label: 'Owner only' });
  const fourEyes = editor.inspectorField('fourEyes');
  await expect(fourEyes).not.toBeChecked();
  await fourEyes.check();
  await shoot(editor, page, 'approval-guard-form');

  await editor.byTestId(TEST_IDS.saveButton).click();
  await expect(editor.byTestId(TEST_IDS.dirtyMarker)).toBeHidden();
  const stored = await api.client.call('workflows.open', { workspace: 'default', id: 'refunds' });
  expect(stored.workflow.nodes.find((node) => node.id === 'ask')?.config).toMatchObject({ requireRole: 'owner', fourEyes: true });

  const viewer = new RunViewer(editor);
  await viewer.showTab('history');
  await expect(editor.byTestId(historyStarterId(waiting.runId))).toHaveText('ana');
  await shoot(editor, page, 'approval-guard-history');
});
