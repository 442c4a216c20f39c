import { EXPRESSION_IDS, expressionPreviewId, expressionProblemsId, TEST_IDS } from '../src-renderer/test-ids.ts';
import { expect, test, type Editor } from './fixtures/editor.ts';
import { EVENT_WAIT_MS } from '../src-main/services/testing/waiting.ts';

/**
 * start → "Is billing" (Condition) → true: "Save ticket" (Write file) → Output; false → Output. The run inputs are
 * declared with defaults, so Run (with no inputs typed) runs the billing branch.
 */
const WORKFLOW = {
  schemaVersion: 1,
  id: 'ticket-router',
  name: 'Ticket router',
  inputs: {
    type: 'object',
    properties: {
      kind: { type: 'string', description: 'billing, technical or other', default: 'billing' },
      customer: { type: 'string', description: 'Who wrote the ticket', default: 'dana' },
      amount: { type: 'number', description: 'The amount in dispute', default: 49 },
    },
  },
  nodes: [
    { id: 'start', type: 'core.manual-trigger', typeVersion: 1, position: { x: 0, y: 100 }, config: {} },
    {
      id: 'check',
      type: 'core.condition',
      label: 'Is billing',
      typeVersion: 1,
      position: { x: 260, y: 100 },
      config: { expression: 'kind = "billing"' },
    },
    {
      id: 'save',
      type: 'core.write-file',
      label: 'Save ticket',
      typeVersion: 1,
      position: { x: 520, y: 40 },
      config: { path: 'ticket.json' },
    },
    { id: 'saved', type: 'core.output', typeVersion: 1, position: { x: 780, y: 40 }, config: { name: 'saved' } },
    { id: 'other', type: 'core.output', typeVersion: 1, position: { x: 520, y: 220 }, config: { name: 'other' } },
  ],
  edges: [
    { id: 'e1', source: 'start', sourcePort: 'out', target: 'check', targetPort: 'in' },
    { id: 'e2', source: 'check', sourcePort: 'true', target: 'save', targetPort: 'in' },
    { id: 'e3', source: 'save', sourcePort: 'out', target: 'saved', targetPort: 'in' },
    { id: 'e4', source: 'check', sourcePort: 'false', target: 'other', targetPort: 'in' },
  ],
};

const completions = (editor: Editor) => editor.byTestId(EXPRESSION_IDS.completions);
const options = (editor: Editor) => editor.byTestId(EXPRESSION_IDS.completion);
const active = (editor: Editor) => completions(editor).locator('[aria-selected="true"]');

// Every keystroke is an edit (validated, autosaved) on a shared, busy machine: allow more than the default minute.

test.beforeEach(async ({ editor, api }) => {
  const stored = await api.client.call('workflows.import', { workspace: 'default', text: JSON.stringify(WORKFLOW) });
  expect(stored.problems).toEqual([]);
  await editor.goto();
  await editor.openWorkflow('ticket-router', 5);
});

test('an expression completes with the keyboard and previews against the finished run', async ({ editor }) => {
  const field = editor.inspectorField('expression');
  await editor.node('check').click();
  const preview = editor.byTestId(expressionPreviewId(['expression']));
  await expect(preview).toHaveAttribute('data-state', 'empty');
  await expect(preview).toContainText('No run data yet');

  await editor.byTestId(TEST_IDS.runButton).click();
  await expect(editor.byTestId(TEST_IDS.runStatus)).toHaveText('succeeded', { timeout: EVENT_WAIT_MS });
  await expect(preview).toHaveAttribute('data-state', 'value');
  await expect(preview).toContainText('true');
  await expect(preview).toContainText('this node’s inputs in run');

  // Ctrl+Space lists the input's fields (from the trigger's declared inputs), with their descriptions.
  await field.fill('');
  await field.press('Control+Space');
  await expect(options(editor).filter({ hasNotText: '$' })).toHaveCount(3);
  await expect(options(editor).first()).toContainText('kind');
  await expect(options(editor).first()).toContainText('billing, technical or other');
  // Typing filters; arrows move; Enter accepts.
  await field.pressSequentially('a');
  await expect(options(editor).first()).toContainText('amount');
  await field.press('Enter');
  await expect(completions(editor)).toBeHidden();
  await expect(field).toHaveValue('amount');

  // `$` opens the functions; typing narrows them; Tab accepts and leaves the caret inside the parentheses.
  await field.pressSequentially(' > 40 and $upp');
  await expect(completions(editor)).toBeVisible();
  await expect(active(editor)).toContainText('$uppercase(str)');
  await field.press('Tab');
  await expect(field).toHaveValue('amount > 40 and $uppercase()');
  await field.press('Control+Space');
  await field.press('ArrowDown');
  await expect(active(editor)).toContainText('customer');
  await field.press('ArrowUp');
  await expect(active(editor)).toContainText('kind');
  await field.press('Enter');
  await field.press('End');
  await field.pressSequentially(' = "BILLING" and $run.');
  // `$run.` lists the declared run inputs; Escape closes the list and leaves the text as it was.
  await expect(options(editor)).toHaveCount(3);
  await expect(options(editor).nth(2)).toContainText('amount');
  await field.press('Escape');
  await expect(completions(editor)).toBeHidden();
  await expect(field).toHaveValue('amount > 40 and $uppercase(kind) = "BILLING" and $run.');
  await field.pressSequentially('cus');
  await field.press('Control+Space');
  await field.press('Enter');
  await field.pressSequentially(' = "dana"');
  await expect(field).toHaveValue('amount > 40 and $uppercase(kind) = "BILLING" and $run.customer = "dana"');
  await expect(preview).toHaveAttribute('data-state', 'value');
  await expect(preview.locator('pre')).toHaveText('true');

  // An error shows as the error.
  await field.pressSequentially(' and $nope(1)');
  await expect(preview).toHaveAttribute('data-state', 'error');
  await expect(editor.byTestId(expressionProblemsId(['expression']))).toContainText('calls $nope()');
  expect(editor.errors).toEqual([]);
});

test('a template completes inside {{ }}, renders in the preview, and an unknown variable is a problem', async ({ editor }) => {
  await editor.byTestId(TEST_IDS.runButton).click();
  await expect(editor.byTestId(TEST_IDS.runStatus)).toHaveText('succeeded', { timeout: EVENT_WAIT_MS });
  await editor.node('save').click();
  const field = editor.inspectorField('path');
  const preview = editor.byTestId(expressionPreviewId(['path']));
  await expect(preview.locator('pre')).toHaveText('ticket.json');

  await field.fill('tickets/');
  await field.pressSequentially('{{');
  // The Condition passes the trigger's declared inputs on: "Save ticket" is offered the fields of what reaches it.
  await expect(options(editor).filter({ hasNotText: '$' })).toHaveText([/kind/, /customer/, /amount/]);
  await expect(options(editor).filter({ hasText: 'Who wrote the ticket' })).toHaveCount(1);
  await field.pressSequentially(' cu');
  await expect(options(editor)).toHaveCount(1);
  await expect(active(editor)).toContainText('customer');
  await field.press('Enter');
  await field.pressSequentially(' }}-{{ $');
  await expect(options(editor).filter({ hasText: '$run' })).toHaveCount(1);
  await field.press('Escape');
  await field.pressSequentially('string(amount) }}.json');
  await expect(field).toHaveValue('tickets/{{ customer }}-{{ $string(amount) }}.json');
  await expect(preview).toHaveAttribute('data-state', 'value');
  await expect(preview.locator('pre')).toHaveText('tickets/dana-49.json');
  await expect(preview).toContainText('Renders as');

  for (const theme of ['light', 'dark'] as const) {
    if (theme === 'dark') await editor.byTestId(TEST_IDS.themeToggle).click();
    await expect(editor.page.locator('html')).toHaveAttribute('data-theme', theme);
    await expect(preview.locator('pre')).toHaveText('tickets/dana-49.json');
    await editor.screenshot(`expressions-preview-${theme}.png`);
    // The caret just inside the first placeholder ("tickets/{{ " is 11 characters), then Ctrl+Space.
    await field.press('Control+Home');
    for (let i = 0; i < 11; i++) await field.press('ArrowRight');
    await field.press('Control+Space');
    await expect(options(editor).first()).toContainText('kind');
    await editor.screenshot(`expressions-completions-${theme}.png`);
    await field.press('Escape');
    await expect(completions(editor)).toBeHidden();
    await expect(field).toHaveValue('tickets/{{ customer }}-{{ $string(amount) }}.json');
  }

  // A variable nothing upstream provides is a problem on the field and in the Problems list, naming node, field and variable.
  await field.fill('tickets/{{ subject }}.json');
  const problems = editor.byTestId(expressionProblemsId(['path']));
  await expect(problems).toContainText('reads {{ subject }}, but no upstream output provides "subject"');
  await expect(problems).toContainText('OPR-186');
  const listed = editor.byTestId(TEST_IDS.problemItem).filter({ hasText: 'subject' });
  await expect(listed).toContainText('node "Save ticket"');
  await expect(listed).toHaveCount(1);
  await expect(listed).toContainText('OPR-186');
  await editor.screenshot('expressions-problem-dark.png');
  expect(editor.errors).toEqual([]);
});
