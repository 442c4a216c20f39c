import path from 'node:path';
import type { Locator } from '@playwright/test';
import {
  dockTabId,
  inputRowId,
  jsonToggleId,
  nodeMarkId,
  nodeSettingId,
  runInputId,
  SETTINGS_IDS,
  TEST_IDS,
  workflowSettingId,
} from '../src-renderer/test-ids.ts';
import { seedWorkflow } from './fixtures/api.ts';
import { newRunId, waitForRunStatus } from './fixtures/debugger.ts';
import { ARTIFACTS, expect, test, type Editor } from './fixtures/editor.ts';
import { jsonFocus, recordJsonFocus } from './fixtures/json-focus.ts';

// Node settings, the workflow panel and the Run form, driven as an analyst would: no JSON typed anywhere.

test.beforeEach(async ({ api, editor }) => {
  await seedWorkflow(api, {
    id: 'triage',
    name: 'Triage',
    nodes: [
      { id: 'start', type: 'core.manual-trigger' },
      // Nothing listens on port 9 of the loopback: every attempt fails with a retryable network error.
      { id: 'notify', type: 'core.http-request', config: { method: 'GET', url: 'http://127.0.0.1:9/tickets' } },
      { id: 'sent', type: 'core.output', config: { name: 'sent' } },
      { id: 'handle', type: 'core.transform', config: { expression: '{ "handled": true }' }, position: { x: 520, y: 320 } },
      { id: 'handled', type: 'core.output', config: { name: 'handled' }, position: { x: 800, y: 320 } },
    ],
    edges: [
      ['start', 'notify'],
      ['notify', 'sent'],
      ['handle', 'handled'],
    ],
  });
  await editor.goto();
  await editor.openWorkflow('triage', 5);
});

test('node settings with marks and an error port, the workflow panel, and a run through the generated form', async ({ editor, api }) => {
  // Fourteen screenshots on a shared two-core machine.
  const { page } = editor;
  const setting = (key: string) => editor.byTestId(nodeSettingId(key));
  const mark = (kind: string) => editor.byTestId(nodeMarkId('notify', kind));

  // ---- the HTTP node's settings: retries 2, a timeout of 5 s, a short retry delay, errors routed ----
  await editor.node('notify').click();
  const section = editor.byTestId(SETTINGS_IDS.nodeSettings);
  await expect(setting('timeoutMs')).toHaveAttribute('placeholder', '300');
  await expect(editor.handle('notify', 'error', 'source')).toHaveCount(0);
  await setting('retries').fill('2');
  await setting('timeoutMs').fill('5');
  await setting('retryDelayMs').fill('0.1');
  await setting('onError').selectOption({ label: 'Route to the error port' });
  await expect(section.getByText('wire it to the nodes that handle the failure')).toBeVisible();
  await expect(mark('retries')).toHaveText('2');
  await expect(mark('timeout')).toHaveText('5 s');
  await expect(mark('onError')).toHaveAttribute('title', 'On error: route to the error port');
  await expect(mark('disabled')).toHaveCount(0);
  await setting('retries').fill('25');
  await expect(section.getByText('must be at most 20')).toBeVisible();
  await setting('retries').fill('2');

  // The error port is on the canvas and takes a wire.
  await editor.connect({ node: 'notify', port: 'error' }, { node: 'handle', port: 'in' });
  await expect(editor.edges).toHaveCount(4);
  await expect(section.getByText('Errors go out of the node’s error port.')).toBeVisible();
  await shoot(editor, section, 'settings-node');
  await shoot(editor, editor.node('notify'), 'settings-node-marks', { scroll: false });

  // One change, then undo takes back exactly that one.
  await setting('timeoutMs').fill('7');
  await expect(mark('timeout')).toHaveText('7 s');
  await editor.byTestId(TEST_IDS.undoButton).click();
  await expect(mark('timeout')).toHaveText('5 s');
  await expect(setting('timeoutMs')).toHaveValue('5');
  await expect(editor.edges).toHaveCount(4);

  // ---- nothing selected: the workflow panel ----
  await page.locator('.react-flow__pane').click({ position: { x: 30, y: 30 } });
  const panel = editor.byTestId(SETTINGS_IDS.workflowPanel);
  await expect(panel).toBeVisible();
  await expect(editor.byTestId(SETTINGS_IDS.workflowPanelName)).toHaveValue('Triage');
  await editor.byTestId(SETTINGS_IDS.workflowDescription).fill('Sorts support tickets and tells the helpdesk.');
  await editor.byTestId(SETTINGS_IDS.inputAdd).click();
  await editor.byTestId(inputRowId(0, 'name')).fill('subject');
  await editor.byTestId(inputRowId(0, 'description')).fill('The ticket’s subject line');
  await editor.byTestId(inputRowId(0, 'required')).check();
  await editor.byTestId(SETTINGS_IDS.inputAdd).click();
  await editor.byTestId(inputRowId(1, 'name')).fill('priority');
  await editor.byTestId(inputRowId(1, 'type')).selectOption({ label: 'Whole number' });
  await editor.byTestId(inputRowId(1, 'default')).fill('3.5');
  await expect(panel.getByText('enter a whole number')).toBeVisible();
  await editor.byTestId(inputRowId(1, 'default')).fill('3');
  await expect(panel.getByText('enter a whole number')).toHaveCount(0);
  // Priority moves up: the rows, the schema and the Run form's fields take the new order.
  await expect(editor.byTestId(inputRowId(0, 'up'))).toBeDisabled();
  await expect(editor.byTestId(inputRowId(1, 'down'))).toBeDisabled();
  await editor.byTestId(inputRowId(1, 'up')).click();
  await expect(editor.byTestId(inputRowId(0, 'name'))).toHaveValue('priority');
  await expect(editor.byTestId(inputRowId(0, 'default'))).toHaveValue('3');
  await expect(editor.byTestId(inputRowId(1, 'name'))).toHaveValue('subject');
  await expect(editor.byTestId(inputRowId(1, 'required'))).toBeChecked();
  await expect(panel.getByRole('button', { name: 'Move input subject down' })).toBeDisabled();
  await editor.byTestId(workflowSettingId(['budgets', 'maxCostUsd'])).fill('2.5');
  await expect(editor.byTestId(workflowSettingId(['defaultTimeoutMs']))).toHaveValue('300');
  await shoot(editor, panel, 'settings-workflow', { alone: false });
  await shoot(editor, panel.getByRole('region', { name: 'Workflow settings' }), 'settings-workflow-settings', {
    alone: false,
  });

  // ---- the Run form, built from those inputs ----
  await editor.byTestId(dockTabId('run')).click();
  const form = editor.byTestId(SETTINGS_IDS.runInputsForm);
  const runHere = editor.byTestId(TEST_IDS.runPanel).getByRole('button', { name: 'Run with these inputs' });
  await expect(editor.byTestId(runInputId('priority'))).toHaveValue('3');
  await expect(form.locator('.run-input > label')).toHaveText([/^priority/, /^subject/]);
  await expect(form.getByText('Required: subject')).toBeVisible();
  await expect(runHere).toBeDisabled();
  await editor.byTestId(runInputId('priority')).fill('high');
  await expect(form.getByText('enter a number')).toBeVisible();
  await editor.byTestId(runInputId('priority')).fill('4');
  await editor.byTestId(runInputId('subject')).fill('Refund for order 1182');
  await expect(runHere).toBeEnabled();
  await shoot(editor, editor.byTestId(TEST_IDS.runPanel), 'settings-run-form');

  await runHere.click();
  const runId = await newRunId(api, 'triage', []);
  expect(await waitForRunStatus(api, runId, ['succeeded', 'failed'])).toBe('succeeded');
  const { run } = await api.client.call('runs.get', { workspace: 'default', runId });
  expect(run.inputs).toEqual({ subject: 'Refund for order 1182', priority: 4 });
  await expect(editor.byTestId(TEST_IDS.runOutputs)).toContainText('"handled": true');

  // What was saved is what was set, in the file's units.
  const { workflow } = await api.client.call('workflows.open', { id: 'triage' });
  expect(workflow.nodes.find((node) => node.id === 'notify')?.settings).toEqual({
    retries: 2,
    timeoutMs: 5000,
    retryDelayMs: 100,
    onError: 'route',
  });
  expect(workflow.edges).toContainEqual(expect.objectContaining({ source: 'notify', sourcePort: 'error', target: 'handle' }));
  expect(workflow.description).toBe('Sorts support tickets and tells the helpdesk.');
  expect(workflow.settings.budgets).toEqual({ maxCostUsd: 2.5 });
  expect(workflow.inputs).toEqual({
    type: 'object',
    properties: {
      subject: { type: 'string', description: 'The ticket’s subject line' },
      priority: { type: 'integer', default: 3 },
    },
    required: ['subject'],
  });
  expect(Object.keys(workflow.inputs?.properties ?? {})).toEqual(['priority', 'subject']);
  expect(editor.errors).toEqual([]);
});

test('list and object run inputs are filled in with the value editor their schema shapes, never as JSON', async ({ editor, api }) => {
  const { page } = editor;
  await recordJsonFocus(page);
  await seedWorkflow(api, {
    id: 'orders',
    name: 'Orders',
    inputs: {
      type: 'object',
      properties: {
        labels: { type: 'array', items: { type: 'string' }, description: 'Labels to put on the ticket' },
        order: {
          type: 'object',
          properties: { id: { type: 'string' }, gift: { type: 'boolean' }, channel: { type: 'string', enum: ['email', 'chat'] } },
          required: ['id'],
        },
        lines: { type: 'array', items: { type: 'object', properties: { sku: { type: 'string' }, qty: { type: 'integer' } } } },
      },
      required: ['labels'],
    },
    nodes: [
      { id: 'start', type: 'core.manual-trigger' },
      { id: 'count', type: 'core.transform', config: { expression: '{ "labels": $count(labels), "units": $sum(lines.qty) }' } },
      { id: 'counted', type: 'core.output', config: { name: 'counted' } },
    ],
    edges: [
      ['start', 'count'],
      ['count', 'counted'],
    ],
  });
  await editor.goto();
  await editor.openWorkflow('orders', 3);
  await editor.byTestId(dockTabId('run')).click();
  const form = editor.byTestId(SETTINGS_IDS.runInputsForm);
  /** A part of an input's value editor: `input('lines', '.0.qty')`, `input('labels', '-add')`. */
  const input = (name: string, part: string) => editor.byTestId(`${runInputId(name)}-form${part}`);

  // A list of text: rows of text boxes, no type to pick.
  await expect(form.getByText('Required: labels')).toBeVisible();
  await input('labels', '-add').click();
  await input('labels', '-add').click();
  await input('labels', '.0').fill('refund');
  await input('labels', '.1').fill('urgent');
  await expect(form.getByText('Required: labels')).toHaveCount(0);
  await expect(input('labels', '.0-type')).toHaveCount(0);
  // An object with properties: its declared fields, typed as declared (text, yes/no, a choice).
  await input('order', '.id').fill('A-17');
  await input('order', '.gift').check();
  await input('order', '.channel').selectOption('chat');
  await expect(input('order', '-add')).toHaveCount(0);
  // A list of objects: each new row has the item's fields.
  await input('lines', '-add').click();
  await input('lines', '.0.sku').fill('KETTLE');
  await input('lines', '.0.qty').fill('1.5');
  await expect(input('lines', '.0.qty')).toHaveAttribute('aria-invalid', 'true');
  await input('lines', '.0.qty').fill('2');
  await input('lines', '-add').click();
  await input('lines', '.1.sku').fill('MUG');
  await input('lines', '.1.qty').fill('1');
  await input('lines', '.1-remove').click();
  await input('lines', '-add').click();
  await input('lines', '.1.qty').fill('1');
  await expect(input('lines', '.1.sku')).toHaveValue('');
  await shoot(editor, editor.byTestId(TEST_IDS.runPanel), 'run-form-structured');

  // "Edit as JSON" stays the escape hatch, showing the same value.
  await editor.byTestId(jsonToggleId(runInputId('labels'))).click();
  await expect(editor.byTestId(runInputId('labels'))).toHaveValue(JSON.stringify(['refund', 'urgent'], null, 2));
  await editor.byTestId(jsonToggleId(runInputId('labels'))).click();
  await expect(input('labels', '.1')).toHaveValue('urgent');

  await editor.byTestId(TEST_IDS.runPanel).getByRole('button', { name: 'Run with these inputs' }).click();
  const runId = await newRunId(api, 'orders', []);
  expect(await waitForRunStatus(api, runId, ['succeeded', 'failed'])).toBe('succeeded');
  const { run } = await api.client.call('runs.get', { workspace: 'default', runId });
  expect(run.inputs).toEqual({
    labels: ['refund', 'urgent'],
    order: { id: 'A-17', gift: true, channel: 'chat' },
    lines: [{ sku: 'KETTLE', qty: 2 }, { qty: 1 }],
  });
  await expect(editor.byTestId(TEST_IDS.runOutputs)).toContainText('"units": 3');
  expect(await jsonFocus(page)).toEqual([]);
  expect(editor.errors).toEqual([]);
});

/** What the page's element offers here (the e2e project has no DOM types). */
interface ScrollsIntoView {
  scrollIntoView(options: { block: 'start' }): void;
}

/** A full-window screenshot with `part` scrolled to the top of its panel, and one of `part` alone; light, then dark. */
async function shoot(editor: Editor, part: Locator, name: string, { alone = true, scroll = true } = {}): Promise<void> {
  for (const theme of ['light', 'dark']) {
    if (scroll) await part.evaluate((element: ScrollsIntoView) => element.scrollIntoView({ block: 'start' }));
    if (scroll || !alone) await editor.screenshot(`${name}-${theme}.png`);
    if (alone) await part.screenshot({ path: path.join(ARTIFACTS, `${name}-part-${theme}.png`) });
    await editor.byTestId(TEST_IDS.themeToggle).click();
  }
}
