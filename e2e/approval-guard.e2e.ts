import { TEST_IDS, historyStarterId } from '../src-renderer/test-ids.ts';
import { seedWorkflow } from './fixtures/api.ts';
import { expect, test } from './fixtures/editor.ts';
import { RunViewer, runToEnd } from './fixtures/run-viewer.ts';
import { shootLightAndDark } from './fixtures/screenshots.ts';

// Issue 14's approvals: the Approval node's Required role and Four-eyes in its generated form, saved into its config,
// and History naming who started each run (the server's local user here: OPERON_USER).

test.use({ serveEnv: { OPERON_USER: 'ana' } });

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
  await shootLightAndDark(page, 'approval-guard-form');

  await editor.byTestId(TEST_IDS.saveButton).click();
  await expect(editor.byTestId(TEST_IDS.dirtyMarker)).toBeHidden();
  const stored = await api.client.call('workflows.open', { workspace: 'default', id: 'refunds' });
  expect(stored.workflow.nodes.find((node) => node.id === 'ask')?.config).toMatchObject({ requireRole: 'owner', fourEyes: true });

  const viewer = new RunViewer(editor);
  await viewer.showTab('history');
  await expect(editor.byTestId(historyStarterId(waiting.runId))).toHaveText('ana');
  await shootLightAndDark(page, 'approval-guard-history');
});
