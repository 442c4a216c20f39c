import { DEBUG_IDS, dockTabId, inboxItemId, jsonToggleId, pinMarkerId, TEST_IDS } from '../src-renderer/test-ids.ts';
import { seedExample, seedWorkflow } from './fixtures/api.ts';
import { Debugger, runEvents, waitForRunStatus } from './fixtures/debugger.ts';
import { expect, test, type Editor } from './fixtures/editor.ts';
import { jsonFocus, recordJsonFocus } from './fixtures/json-focus.ts';
import { fillSchemaBuilder } from './fixtures/schema-builder.ts';

// Every nested setting authored through the structured controls only: the test records every focus of a JSON textarea
// (each is marked data-json-textarea) and fails if there was one.

async function recordFocusAndGo(editor: Editor): Promise<void> {
  await recordJsonFocus(editor.page);
  await editor.goto();
}

/** `<name>-light.png` and `<name>-dark.png`, back in the light theme after. */
async function screenshots(editor: Editor, name: string): Promise<void> {
  await editor.screenshot(`${name}-light.png`);
  await editor.byTestId(TEST_IDS.themeToggle).click();
  await editor.screenshot(`${name}-dark.png`);
  await editor.byTestId(TEST_IDS.themeToggle).click();
}

test('nested config, pinned outputs and an approval edit are authored without typing JSON', async ({ editor, api }) => {
  const { page } = editor;
  await recordFocusAndGo(editor);
  await seedWorkflow(api, {
    id: 'structured',
    name: 'Structured',
    nodes: [
      { id: 'start', type: 'core.manual-trigger' },
      { id: 'router', type: 'core.router', position: { x: 260, y: 0 } },
      { id: 'http', type: 'core.http-request', config: { url: 'https://example.com' }, position: { x: 260, y: 140 } },
      { id: 'llm', type: 'core.llm', position: { x: 260, y: 280 } },
      { id: 'agent', type: 'core.agent', position: { x: 520, y: 0 } },
      { id: 'list', type: 'core.transform', config: { expression: '[1, 2]' }, position: { x: 260, y: 420 } },
      { id: 'map', type: 'core.map', position: { x: 520, y: 140 } },
    ],
    edges: [
      ['start', 'router'],
      ['start', 'http'],
      ['start', 'llm'],
      ['start', 'agent'],
      ['start', 'list'],
      ['list', 'map', 'out', 'items'],
    ],
  });
  await editor.goto();
  await editor.openWorkflow('structured', 7);
  const field = (...path: (string | number)[]) => editor.inspectorField(...path.map(String));
  const part = (id: string) => editor.byTestId(`inspector-field-${id}`);

  // Router: two routes as name + expression rows, reordered, a reserved name shown on its field.
  await editor.node('router').click();
  await part('routes-add').click();
  await expect(part('routes.0')).toBeVisible();
  await part('routes-add').click();
  await expect(part('routes.1')).toBeVisible();
  await field('routes', 0, 'name').fill('default');
  await expect(field('routes', 0, 'name')).toHaveAttribute('aria-invalid', 'true');
  await expect(part('routes.0')).toContainText('Name: "default" is reserved for the fallback port');
  await field('routes', 0, 'name').fill('bug');
  await field('routes', 0, 'expression').fill('category = "bug"');
  await field('routes', 1, 'name').fill('billing');
  await field('routes', 1, 'expression').fill('category = "billing"');
  await part('routes.1-up').click();
  await expect(field('routes', 0, 'name')).toHaveValue('billing');
  await expect(part('routes.0')).not.toContainText('reserved');

  // HTTP: a header in the key-value table.
  await editor.node('http').click();
  await part('headers-add').click();
  await part('headers.0-key').fill('X-Team');
  await part('headers.0-value').fill('support');

  // LLM: structured output built from field rows; the missing schema is a problem on the schema field until then.
  await editor.node('llm').click();
  await field('output').selectOption({ label: 'json' });
  const schemaField = page.locator('.structured-field[data-field="schema"]');
  await expect(schemaField).toContainText('Schema: output "json" needs a JSON Schema');
  await fillSchemaBuilder(editor, [
    { name: 'category', type: 'enum', values: ['billing', 'bug'], description: 'What the ticket is about' },
    { name: 'priority', type: 'integer', required: false },
    { name: 'summary', description: 'One sentence' },
  ]);
  await expect(schemaField).not.toContainText('needs a JSON Schema');
  await part('stop-add').click();
  await field('stop', 0).fill('END');
  await schemaField.scrollIntoViewIfNeeded();
  await screenshots(editor, 'structured-llm');

  // Agent: an HTTP tool card with its arguments and the approval toggle.
  await editor.node('agent').click();
  await part('tools-add').click();
  await field('tools', 0, 'kind').selectOption({ label: 'HTTP' });
  await field('tools', 0, 'name').fill('lookup_order');
  await field('tools', 0, 'description').fill('Looks an order up by its id.');
  await field('tools', 0, 'requiresApproval').check();
  await field('tools', 0, 'config', 'url').fill('https://shop.example/orders/{{ id }}');
  await part('tools.0.parameters-add').click();
  await part('tools.0.parameters.0-name').fill('id');
  await part('tools.0.parameters.0-description').fill('The order id');
  await part('tools.0').scrollIntoViewIfNeeded();
  await screenshots(editor, 'structured-agent-tool');

  // Map: the per-item node is a node type and that type's own form.
  await editor.node('map').click();
  await field('node', 'type').selectOption({ label: 'Transform' });
  await field('node', 'config', 'expression').fill('$ * 2');

  await editor.byTestId(TEST_IDS.saveButton).click();
  await expect(editor.byTestId(TEST_IDS.dirtyMarker)).toBeHidden();
  const stored = await api.client.call('workflows.open', { workspace: 'default', id: 'structured' });
  expect(stored.problems).toEqual([]);
  const config = (id: string) => stored.workflow.nodes.find((node) => node.id === id)?.config;
  expect(config('router')?.routes).toEqual([
    { name: 'billing', expression: 'category = "billing"' },
    { name: 'bug', expression: 'category = "bug"' },
  ]);
  expect(config('http')?.headers).toEqual({ 'X-Team': 'support' });
  expect(config('llm')).toMatchObject({
    output: 'json',
    stop: ['END'],
    schema: {
      type: 'object',
      properties: {
        category: { type: 'string', enum: ['billing', 'bug'], description: 'What the ticket is about' },
        priority: { type: 'integer' },
        summary: { type: 'string', description: 'One sentence' },
      },
      required: ['category', 'summary'],
    },
  });
  expect(config('agent')?.tools).toMatchObject([
    {
      kind: 'http',
      name: 'lookup_order',
      description: 'Looks an order up by its id.',
      requiresApproval: true,
      parameters: { type: 'object', properties: { id: { type: 'string', description: 'The order id' } }, required: ['id'] },
      config: { url: 'https://shop.example/orders/{{ id }}' },
    },
  ]);
  expect(config('map')?.node).toEqual({ type: 'core.transform', config: { expression: '$ * 2' } });

  // A pinned output, given through the value editor: out becomes an object with one field.
  const debug = new Debugger(editor);
  await debug.selectNode('llm');
  await editor.byTestId('pin-json-form.out-type').selectOption('object');
  await editor.byTestId('pin-json-form.out-add').click();
  await editor.byTestId('pin-json-form.out.field-key').fill('category');
  await editor.byTestId('pin-json-form.out.category').fill('billing');
  await editor.byTestId('pin-json-form.response-remove').click(); // pinned ports are those given; response is left out
  await debug.id('pinTyped').click();
  await expect(editor.byTestId(pinMarkerId('llm'))).toBeVisible();
  const { pins } = await api.client.call('pins.list', { workspace: 'default', workflowId: 'structured' });
  expect(pins.llm?.outputs).toEqual({ out: { category: 'billing' } });

  // An approval edited in the inbox through the value editor.
  await seedExample(api, 'approval');
  const { runId } = await api.client.call('runs.start', {
    workspace: 'default',
    workflowId: 'refund-approval',
    inputs: { customer: 'ana', amount: 250 },
  });
  await waitForRunStatus(api, runId, ['waiting']);
  await editor.byTestId(dockTabId('inbox')).click();
  const item = editor.byTestId(inboxItemId(runId, 'approve'));
  await item.getByTestId(DEBUG_IDS.inboxEdit).click();
  await item.getByTestId(`${DEBUG_IDS.inboxValue}-form.amount`).fill('100');
  await item.getByTestId(DEBUG_IDS.inboxApprove).click();
  await expect(item).toHaveCount(0);
  expect(await waitForRunStatus(api, runId, ['succeeded', 'failed'])).toBe('succeeded');
  const decided = (await runEvents(api, runId)).find((event) => event.type === 'node.decision');
  expect(decided).toMatchObject({ decision: { decision: 'approved', value: { action: 'refund', customer: 'ana', amount: 100 } } });

  expect(await jsonFocus(page)).toEqual([]);
  expect(editor.errors).toEqual([]);
});

test('Edit as JSON and the form stay in sync; invalid JSON never loses the structured value', async ({ editor, api }) => {
  const { page } = editor;
  await recordFocusAndGo(editor);
  await seedWorkflow(api, {
    id: 'json-view',
    name: 'JSON view',
    nodes: [
      { id: 'start', type: 'core.manual-trigger' },
      { id: 'http', type: 'core.http-request', config: { url: 'https://example.com', headers: { 'X-Team': 'support' } } },
    ],
    edges: [['start', 'http']],
  });
  await editor.goto();
  await editor.openWorkflow('json-view', 2);
  await editor.node('http').click();
  const headers = editor.inspectorField('headers');
  await editor.byTestId(jsonToggleId('inspector-field-headers')).click();
  expect(JSON.parse(await headers.inputValue())).toEqual({ 'X-Team': 'support' });
  await headers.fill('{ "X-Team": "billing", "Accept": "text/plain" }');
  await headers.fill('{ "X-Team": ');
  await expect(page.getByText('the last valid value is kept')).toBeVisible();
  await editor.byTestId(jsonToggleId('inspector-field-headers')).click();
  await expect(editor.byTestId('inspector-field-headers.0-value')).toHaveValue('billing');
  await expect(editor.byTestId('inspector-field-headers.1-key')).toHaveValue('Accept');
  // The recorder sees a JSON textarea being used.
  expect(await jsonFocus(page)).toEqual(['inspector-field-headers']);
});
