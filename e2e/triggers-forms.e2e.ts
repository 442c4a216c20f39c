import { TRIGGER_IDS, activationSwitchId, dockTabId, firingRowId, listeningId, workflowListItemId } from '../src-renderer/test-ids.ts';
import { seedWorkflow, type E2eApi } from './fixtures/api.ts';
import { expect, test } from './fixtures/editor.ts';
import { standInForTriggerService } from './fixtures/trigger-service-stand-in.ts';
import { shootLightAndDark } from './fixtures/screenshots.ts';

// The editor's side of triggers (issue 13): the trigger nodes' forms, and activation and the firing log against the
// API contract, the trigger service's calls answered by a stand-in (fixtures/trigger-service-stand-in.ts); the real
// service end to end is triggers.e2e.ts.

async function seed(api: E2eApi): Promise<void> {
  await seedWorkflow(api, {
    id: 'morning-digest',
    name: 'Morning digest',
    nodes: [
      { id: 'tick', type: 'core.schedule-trigger', config: { cron: '0 0 9 * * 1-5', timezone: 'Europe/Berlin' } },
      { id: 'shape', type: 'core.transform', config: { expression: '$' } },
    ],
    edges: [['tick', 'shape']],
  });
  await seedWorkflow(api, {
    id: 'crm-leads',
    name: 'CRM leads',
    nodes: [
      { id: 'hook', type: 'core.webhook-trigger', config: { path: 'leads', secret: 'CRM_TOKEN' } },
      { id: 'shape', type: 'core.transform', config: { expression: 'body' } },
    ],
    edges: [['hook', 'shape']],
  });
}

test('the Schedule trigger previews its next fire times as you type, picks presets and time zones, and hides what its mode does not use', async ({
  editor,
  api,
  page,
}) => {
  await seed(api);
  await editor.goto();
  await editor.openWorkflow('morning-digest', 2);
  await editor.node('tick').click();

  const cron = editor.inspectorField('cron');
  await expect(cron).toHaveValue('0 0 9 * * 1-5');
  const times = editor.byTestId(TRIGGER_IDS.cronTime);
  await expect(times).toHaveCount(5);
  // 09:00 in Berlin is 08:00 UTC in winter, 07:00 UTC in summer: every time listed is one of them, on a weekday.
  for (const row of await times.all()) {
    const date = new Date((await row.getAttribute('data-at')) ?? '');
    expect([7, 8]).toContain(date.getUTCHours());
    expect([1, 2, 3, 4, 5]).toContain(date.getUTCDay());
  }

  // A typing mistake shows its problem in words, and no times.
  await cron.fill('0 61 * * *');
  await expect(editor.byTestId(TRIGGER_IDS.cronProblem)).toContainText('"0 61 * * *"');
  await expect(times).toHaveCount(0);

  // A preset fills the field: the first of the month.
  await editor.byTestId(TRIGGER_IDS.cronPresets).selectOption({ label: 'The first of the month at 09:00' });
  await expect(cron).toHaveValue('0 0 9 1 * *');
  await expect(times).toHaveCount(5);
  await expect(times.first()).toContainText(' 1 ');

  // The time-zone picker finds a zone by words of its name.
  const zone = editor.inspectorField('timezone');
  await zone.click();
  await zone.fill('new york');
  await expect(editor.byTestId(TRIGGER_IDS.timezoneOption)).toHaveCount(1);
  await editor.byTestId(TRIGGER_IDS.timezoneOption).click();
  await expect(zone).toHaveValue('America/New_York');
  await expect(editor.byTestId(TRIGGER_IDS.cronTimes)).toContainText('Next runs (America/New_York)');
  await shootLightAndDark(page, 'triggers-schedule-form');

  // Mode interval: the cron and zone fields go, the interval comes.
  await editor.inspectorField('mode').selectOption({ label: 'interval' });
  await expect(cron).toHaveCount(0);
  await expect(zone).toHaveCount(0);
  await expect(editor.inspectorField('everySeconds')).toBeVisible();
});

test('the Webhook trigger shows its URL with a curl recipe; workflows are activated from the list and the top bar; firings are logged', async ({
  editor,
  api,
  page,
  served,
}) => {
  await seed(api);
  const now = Date.now();
  const service = await standInForTriggerService(page, {
    activations: [
      {
        workflowId: 'morning-digest',
        active: true,
        triggers: [{ nodeId: 'tick', kind: 'schedule', label: 'Schedule', next: now + 3_600_000 }],
        running: 1,
        queued: 2,
      },
      { workflowId: 'crm-leads', active: false, triggers: [], running: 0, queued: 0 },
    ],
    refuse: {},
  });
  await editor.goto();
  await expect(editor.byTestId(listeningId('morning-digest'))).toContainText('Schedule: next');
  await expect(editor.byTestId(listeningId('morning-digest'))).toContainText('1 running · 2 queued');
  await expect(editor.byTestId(activationSwitchId('crm-leads'))).toHaveAttribute('aria-checked', 'false');

  await editor.openWorkflow('crm-leads', 2);
  await editor.node('hook').click();
  await expect(editor.byTestId(TRIGGER_IDS.webhookUrl)).toHaveText(`POST ${served.origin}/hooks/default/crm-leads/leads`);
  await page.getByText('Call it with curl').click();
  await expect(editor.byTestId(TRIGGER_IDS.webhookCurl)).toContainText('X-Operon-Token: $OPERON_SECRET_CRM_TOKEN');
  // The reply fields apply only when the hook waits for the run.
  await expect(editor.inspectorField('responseOutput')).toHaveCount(0);
  await shootLightAndDark(page, 'triggers-webhook-form');

  // Activated from the top bar: the list follows (the pushed triggers.changed).
  const top = editor.byTestId(TRIGGER_IDS.topActivation);
  await expect(top).toHaveAttribute('aria-checked', 'false');
  await top.click();
  await expect(top).toHaveAttribute('aria-checked', 'true');
  await expect(editor.byTestId(activationSwitchId('crm-leads'))).toHaveAttribute('aria-checked', 'true');

  // A firing arrives live in the Firings tab, with the workflow's name and the run.
  await editor.byTestId(dockTabId('firings')).click();
  service.fire({
    id: 'f1',
    at: now,
    workflowId: 'crm-leads',
    nodeId: 'hook',
    kind: 'webhook',
    payloadBytes: 2048,
    outcome: 'started',
    runId: 'run-1',
  });
  service.fire({
    id: 'f2',
    at: now + 1000,
    workflowId: 'morning-digest',
    nodeId: 'tick',
    kind: 'schedule',
    payloadBytes: 64,
    outcome: 'skipped',
    reason: 'a run of this workflow was going on (overlap: skip)',
  });
  await expect(editor.byTestId(firingRowId('f1'))).toContainText('CRM leads');
  await expect(editor.byTestId(firingRowId('f1'))).toContainText('2.0 KB');
  await expect(editor.byTestId(firingRowId('f1'))).toContainText('run-1');
  await expect(editor.byTestId(firingRowId('f2'))).toContainText('overlap: skip');
  await expect(editor.byTestId(TRIGGER_IDS.firingLog).locator('tr').first()).toHaveAttribute('data-testid', firingRowId('f2'));
  await expect(editor.byTestId(workflowListItemId('crm-leads'))).toBeVisible();
  await shootLightAndDark(page, 'triggers-list-and-firings');
});

test('a refused activation lists its problems by node label and leaves the workflow off', async ({ editor, api, page }) => {
  await seed(api);
  await standInForTriggerService(page, {
    activations: [{ workflowId: 'crm-leads', active: false, triggers: [], running: 0, queued: 0 }],
    refuse: { 'crm-leads': [{ message: 'the expression does not parse', nodeId: 'shape' }] },
  });
  await editor.goto();
  const toggle = editor.byTestId(activationSwitchId('crm-leads'));
  await toggle.click();
  const problems = editor.byTestId(TRIGGER_IDS.activationProblems);
  await expect(problems).toContainText('Transform: the expression does not parse');
  await expect(toggle).toHaveAttribute('aria-checked', 'false');
});
