import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from '@playwright/test';
import {
  CANVAS_IDS,
  compareRowOpenId,
  dockTabId,
  inputRowId,
  LIBRARY_IDS,
  nodePickerItemId,
  nodeSettingId,
  portPlusId,
  ROOM_IDS,
  runInputId,
  SETTINGS_IDS,
  TEST_IDS,
  VIEWER_IDS,
} from '../src-renderer/test-ids.ts';
import { newRunId, waitForRunStatus } from './fixtures/debugger.ts';
import { jsonFocus, recordJsonFocus } from './fixtures/json-focus.ts';
import { fillSchemaBuilder } from './fixtures/schema-builder.ts';
import { ARTIFACTS, expect, test as base, type Editor } from './fixtures/openai.ts';
import { RunViewer } from './fixtures/run-viewer.ts';
import { EVENT_WAIT_MS } from '../src-main/services/testing/waiting.ts';

// Issue 12's acceptance test: an analyst builds the ticket-triage workflow from an empty canvas, runs it through the
// generated run form against the loopback OpenAI-compatible server, approves it, and never types a character of JSON.
// Every JSON textarea is marked data-json-textarea; a recorder in the page fails the test if one ever gets focus.
// Its screenshots (start page, the built workflow light and dark, Compare, the node-detail view) go to
// e2e/artifacts/readme/; `npm run screenshots` copies them to docs/images/ for the README.

interface Received {
  method: string | undefined;
  url: string | undefined;
  headers: IncomingHttpHeaders;
}

const test = base.extend<{ helpdesk: { url: string; received: Received[] } }>({
  // eslint-disable-next-line no-empty-pattern
  helpdesk: async ({}, use) => {
    const received: Received[] = [];
    const server: Server = createServer((request, response) => {
      received.push({ method: request.method, url: request.url, headers: request.headers });
      request.resume();
      request.on('end', () => {
        response.setHeader('content-type', 'application/json');
        response.end(JSON.stringify({ ticket: 'T-1', queued: true }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      await use({ url: `http://127.0.0.1:${port}/tickets`, received });
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  },
});

const READMES = path.join(ARTIFACTS, 'readme');
const answer = (summary: string) => ({
  content: JSON.stringify({ category: 'billing', priority: 2, summary }),
  usage: { prompt_tokens: 420, completion_tokens: 60 },
});

async function shot(editor: Editor, name: string, theme: 'light' | 'dark' = 'light'): Promise<void> {
  const dark = (await editor.page.locator('html').getAttribute('data-theme')) === 'dark';
  if (dark !== (theme === 'dark')) await editor.byTestId(TEST_IDS.themeToggle).click();
  await editor.page.screenshot({ path: path.join(READMES, `${name}.png`) });
}

/**
 * Inserts a node of `type` after the selected node with a palette click (wired from its first fitting output): the new
 * node is brought into view and selected. Returns its id.
 */
async function insertAfterSelected(editor: Editor, type: string): Promise<string> {
  const selected = editor.page.locator('.react-flow__node.selected');
  const before = await selected.getAttribute('data-id');
  await editor.paletteItem(type).click();
  await expect(selected).not.toHaveAttribute('data-id', before ?? '');
  return (await selected.getAttribute('data-id'))!;
}

test('the ticket-triage workflow is built from an empty canvas, run through the run form and approved, with no JSON typed', async ({
  editor,
  api,
  openai,
  helpdesk,
}) => {
  test.setTimeout(600_000); // a long walk through the whole editor on a shared two-core machine
  await mkdir(READMES, { recursive: true });
  const { page } = editor;
  await recordJsonFocus(page);
  await editor.goto();
  await expect(editor.byTestId(LIBRARY_IDS.examplesGallery)).toBeVisible();
  await shot(editor, 'start-page');

  // ---- a new workflow: a manual trigger with declared inputs ----
  await editor.byTestId(TEST_IDS.newWorkflow).click();
  await expect(editor.canvasNodes).toHaveCount(1);
  await page.locator('.react-flow__pane').click({ position: { x: 30, y: 30 } });
  await editor.byTestId(SETTINGS_IDS.workflowPanelName).fill('Ticket triage');
  await editor.byTestId(SETTINGS_IDS.workflowDescription).fill('Classifies a support ticket, asks a person, and files it.');
  await editor.byTestId(SETTINGS_IDS.inputAdd).click();
  await editor.byTestId(inputRowId(0, 'name')).fill('subject');
  await editor.byTestId(inputRowId(0, 'required')).check();
  await editor.byTestId(SETTINGS_IDS.inputAdd).click();
  await editor.byTestId(inputRowId(1, 'name')).fill('body');
  await editor.byTestId(inputRowId(1, 'description')).fill('What the customer wrote');

  // ---- an LLM with a structured output of category, priority and summary ----
  await editor.node('start').click();
  const llm = await insertAfterSelected(editor, 'core.llm');
  await editor.node(llm).click();
  const field = (...parts: (string | number)[]) => editor.inspectorField(...parts.map(String));
  const part = (id: string) => editor.byTestId(`inspector-field-${id}`);
  await field('provider').selectOption('openai');
  await field('prompt').fill('Triage this support ticket.\nSubject: {{ subject }}\n{{ body }}');
  await field('output').selectOption({ label: 'json' });
  await fillSchemaBuilder(editor, [
    { name: 'category', type: 'enum', values: ['billing', 'bug'] },
    { name: 'priority', type: 'integer' },
    { name: 'summary' },
  ]);

  // ---- a Router on the category with two routes ----
  const router = await insertAfterSelected(editor, 'core.router');
  await editor.node(router).click();
  await part('routes-add').click();
  await field('routes', 0, 'name').fill('billing');
  await field('routes', 0, 'expression').fill('category = "billing"');
  await part('routes-add').click();
  await field('routes', 1, 'name').fill('bug');
  await field('routes', 1, 'expression').fill('category = "bug"');

  // ---- an Approval, then the HTTP action: a header, retries 2, a 5 s timeout, errors routed ----
  const approval = await insertAfterSelected(editor, 'core.approval');
  await editor.node(approval).click();
  await field('title').fill('Send this ticket to the helpdesk?');
  const http = await insertAfterSelected(editor, 'core.http-request');
  await editor.node(http).click();
  await field('method').selectOption('POST');
  await field('url').fill(helpdesk.url);
  await part('headers-add').click();
  await part('headers.0-key').fill('X-Team');
  await part('headers.0-value').fill('support');
  await editor.byTestId(nodeSettingId('retries')).fill('2');
  await editor.byTestId(nodeSettingId('timeoutMs')).fill('5');
  await editor.byTestId(nodeSettingId('onError')).selectOption({ label: 'Route to the error port' });

  // ---- an Output after it, and a Write file on its error port (the "+" on that port) ----
  const output = await insertAfterSelected(editor, 'core.output');
  await editor.node(output).click();
  await field('name').fill('helpdesk');
  await editor.node(http).click();
  await editor.byTestId(portPlusId(http, 'error')).click();
  await editor.byTestId(CANVAS_IDS.nodePickerSearch).fill('write');
  await editor.byTestId(nodePickerItemId('core.write-file')).click();
  const selected = page.locator('.react-flow__node.selected');
  await expect(selected).not.toHaveAttribute('data-id', http);
  const write = (await selected.getAttribute('data-id'))!;
  await editor.node(write).click();
  await field('path').fill('failed/{{ summary }}.json');

  await editor.byTestId(TEST_IDS.saveButton).click();
  await expect(editor.byTestId(TEST_IDS.dirtyMarker)).toBeHidden();
  const { workflow, problems } = await api.client.call('workflows.open', { id: currentId(page)! });
  expect(problems).toEqual([]);
  const byId = (id: string) => workflow.nodes.find((node) => node.id === id)!;
  expect(byId(llm).config).toMatchObject({ provider: 'openai', output: 'json' });
  expect(byId(llm).config.schema).toMatchObject({
    properties: { category: { enum: ['billing', 'bug'] }, priority: { type: 'integer' }, summary: { type: 'string' } },
  });
  expect(byId(router).config.routes).toEqual([
    { name: 'billing', expression: 'category = "billing"' },
    { name: 'bug', expression: 'category = "bug"' },
  ]);
  expect(byId(http).config).toMatchObject({ method: 'POST', url: helpdesk.url, headers: { 'X-Team': 'support' } });
  expect(byId(http).settings).toEqual({ retries: 2, timeoutMs: 5000, onError: 'route' });
  const edges = workflow.edges.map((e) => `${e.source}.${e.sourcePort}->${e.target}.${e.targetPort}`).sort();
  expect(edges).toEqual(
    [
      `start.out->${llm}.in`,
      `${llm}.out->${router}.in`,
      `${router}.billing->${approval}.in`,
      `${approval}.approved->${http}.in`,
      `${http}.out->${output}.in`,
      `${http}.error->${write}.in`,
    ].sort(),
  );
  expect(workflow.inputs).toMatchObject({ properties: { subject: { type: 'string' }, body: { type: 'string' } }, required: ['subject'] });

  // ---- run it through the generated form, and approve ----
  openai.reply(answer('Charged twice for the Team plan.'), answer('Charged three times for the Team plan.'));
  const workflowId = workflow.id;
  const run = async (subject: string, body: string, known: string[]): Promise<string> => {
    await editor.byTestId(dockTabId('run')).click();
    await editor.byTestId(runInputId('subject')).fill(subject);
    await editor.byTestId(runInputId('body')).fill(body);
    await editor.byTestId(TEST_IDS.runPanel).getByRole('button', { name: 'Run with these inputs' }).click();
    const runId = await newRunId(api, workflowId, known);
    await expect(editor.byTestId(TEST_IDS.approveButton)).toBeVisible({ timeout: EVENT_WAIT_MS });
    await editor.byTestId(TEST_IDS.approveButton).click();
    expect(await waitForRunStatus(api, runId, ['succeeded', 'failed'])).toBe('succeeded');
    return runId;
  };
  const first = await run('Double charge', 'I was charged twice this month.', []);
  const { run: done } = await api.client.call('runs.get', { runId: first });
  expect(done.inputs).toEqual({ subject: 'Double charge', body: 'I was charged twice this month.' });
  expect(helpdesk.received).toHaveLength(1);
  expect(helpdesk.received[0]).toMatchObject({ method: 'POST', headers: { 'x-team': 'support' } });
  expect(JSON.stringify(done)).toContain('"queued":true');
  expect(openai.requests[0]?.text).toContain('Subject: Double charge');
  await expect(editor.byTestId(`node-status-${output}`)).toHaveText('succeeded');
  await page.locator('.react-flow__pane').click({ position: { x: 30, y: 30 } });
  await editor.byTestId(dockTabId('run')).click();
  await page.locator('.react-flow__controls-fitview').click();
  await shot(editor, 'triage-light');
  await shot(editor, 'triage-dark', 'dark');
  await editor.byTestId(TEST_IDS.themeToggle).click();

  // ---- a second run, compared with the first, and one node at full size ----
  const second = await run('Charged again', 'And a third time today.', [first]);
  expect(second).not.toBe(first);
  const viewer = new RunViewer(editor);
  await viewer.showTab('compare');
  await expect(viewer.compareRow(llm)).toBeVisible();
  await editor.byTestId(compareRowOpenId(llm)).click();
  const detail = editor.byTestId(ROOM_IDS.nodeDetail);
  await expect(detail.getByTestId(ROOM_IDS.nodeDetailOutputs)).toContainText('Charged three times for the Team plan.');
  await shot(editor, 'node-detail');
  await editor.byTestId(ROOM_IDS.nodeDetailClose).click();
  await viewer.compareRow(llm).click();
  await expect(editor.byTestId(VIEWER_IDS.compareDetail)).toBeVisible();
  await shot(editor, 'compare');

  expect(await jsonFocus(page)).toEqual([]);
  expect(editor.errors).toEqual([]);
});

/** The open workflow's id, from the page URL (`#/workflows/<id>`). */
function currentId(page: Page): string | undefined {
  const match = /#\/workflows\/(.+)$/.exec(page.url());
  return match?.[1] === undefined ? undefined : decodeURIComponent(match[1]);
}
