import { TRIGGER_IDS, dockTabId, historyRowId, listeningId } from '../src-renderer/test-ids.ts';
import { EVENT_WAIT_MS } from '../src-main/services/testing/waiting.ts';
import { seedWorkflow } from './fixtures/api.ts';
import { expect, test } from './fixtures/editor.ts';
import { RunViewer } from './fixtures/run-viewer.ts';

// Issue 13 end to end, against the real trigger service of `operon serve`: a workflow with a webhook trigger is
// activated in the editor, its hook is called over HTTP with the token, and the run it started shows in History
// (started by "webhook") and in the Firings tab.

const TOKEN = 'e2e-hook-token';
test.use({ serveEnv: { OPERON_SECRET_HOOK_TOKEN: TOKEN } });

test('a webhook workflow activated in the editor runs when its hook is called, shown in History and the firing log', async ({
  editor,
  api,
  served,
}) => {
  await seedWorkflow(api, {
    id: 'hooked',
    name: 'Hooked',
    nodes: [
      { id: 'hook', type: 'core.webhook-trigger', config: { path: 'incoming', secret: 'HOOK_TOKEN' } },
      { id: 'greet', type: 'core.transform', config: { expression: '"hello " & body.name' } },
      { id: 'result', type: 'core.output', config: { name: 'greeting' } },
    ],
    edges: [
      ['hook', 'greet'],
      ['greet', 'result'],
    ],
  });
  await editor.goto();
  await editor.openWorkflow('hooked', 3);

  // Inactive until switched on in the top bar; then the list says what it listens for.
  const top = editor.byTestId(TRIGGER_IDS.topActivation);
  await expect(top).toHaveAttribute('aria-checked', 'false');
  await top.click();
  await expect(top).toHaveAttribute('aria-checked', 'true');
  await expect(editor.byTestId(listeningId('hooked'))).toContainText('incoming');

  const response = await fetch(`${served.origin}/hooks/default/hooked/incoming`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-operon-token': TOKEN },
    body: JSON.stringify({ name: 'Ada' }),
  });
  expect(response.status, await response.clone().text()).toBe(202);
  const { runId } = (await response.json()) as { runId: string };
  expect(runId).toEqual(expect.any(String));

  // History lists the run as it goes (runs.changed), started by the webhook.
  const viewer = new RunViewer(editor);
  await viewer.showTab('history');
  const row = editor.byTestId(historyRowId(runId));
  await expect(row.getByTestId(TRIGGER_IDS.runTrigger)).toHaveAttribute('data-kind', 'webhook', { timeout: EVENT_WAIT_MS });
  await expect(row.getByTestId(TRIGGER_IDS.runTrigger)).toHaveText('webhook');
  await expect(row).toHaveAttribute('data-status', 'succeeded', { timeout: EVENT_WAIT_MS });

  // The Firings tab has the firing, its outcome and its run.
  await editor.byTestId(dockTabId('firings')).click();
  const firing = editor.byTestId(TRIGGER_IDS.firingLog).locator('tr').filter({ hasText: runId });
  await expect(firing).toHaveAttribute('data-outcome', 'started', { timeout: EVENT_WAIT_MS });
  await expect(firing).toContainText('Hooked');
  await expect(firing.getByTestId(TRIGGER_IDS.runTrigger)).toHaveAttribute('data-kind', 'webhook');
  await editor.screenshot('triggers-served-firings-light.png');
});
