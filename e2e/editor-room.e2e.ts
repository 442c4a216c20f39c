import type { Locator } from '@playwright/test';
import {
  compareRowOpenId,
  DEBUG_IDS,
  dockPanelId,
  dockSeparatorId,
  dockTabId,
  dockToggleId,
  ROOM_IDS,
  TEST_IDS,
  VIEWER_IDS,
} from '../src-renderer/test-ids.ts';
import { seedExample } from './fixtures/api.ts';
import { expect, test } from './fixtures/openai.ts';
import { RunViewer } from './fixtures/run-viewer.ts';
import { EVENT_WAIT_MS } from '../src-main/services/testing/waiting.ts';
import { shootLightAndDark } from './fixtures/screenshots.ts';

// Room: resizable, collapsible docks remembered across reloads; the large node-detail view from the trace and from
// Compare; a run panel that never overflows; the run's tokens and cost as it goes. Models answer from the loopback
// OpenAI-compatible server.

/** The model's structured answer for ticket-triage's classify node, its draft reply `replyLength` characters long. */
function triageAnswer(replyLength: number): string {
  const reply =
    `Dear Dana, thank you for writing. ${'We are looking into the duplicate charge on your Team plan. '.repeat(replyLength / 60)}`.slice(
      0,
      replyLength,
    );
  return JSON.stringify({ route: 'billing', priority: 'high', summary: 'A customer was charged twice for the Team plan.', reply });
}

const USAGE = { prompt_tokens: 1200, completion_tokens: 5000 };
/** gpt-4o-mini's price in resources/prices.json: $0.15 in, $0.60 out per million tokens. */
const COST = (1200 * 0.15 + 5000 * 0.6) / 1_000_000;

async function box(locator: Locator) {
  const found = await locator.boundingBox();
  if (found === null) throw new Error(`${locator.toString()} is not laid out`);
  return found;
}

/** Whether the element lies wholly inside the 1440×900 viewport. */
async function expectInViewport(locator: Locator): Promise<void> {
  await expect(locator).toBeVisible();
  const { x, y, width, height } = await box(locator);
  expect(x, `${locator.toString()} left`).toBeGreaterThanOrEqual(0);
  expect(y, `${locator.toString()} top`).toBeGreaterThanOrEqual(0);
  expect(x + width, `${locator.toString()} right`).toBeLessThanOrEqual(1440);
  expect(y + height, `${locator.toString()} bottom`).toBeLessThanOrEqual(900);
}

/** Whether an element's content is taller or wider than its box (it scrolls). */
const overflows = (locator: Locator, axis: 'x' | 'y'): Promise<boolean> =>
  locator.evaluate(
    (element: { scrollHeight: number; clientHeight: number; scrollWidth: number; clientWidth: number }, along) =>
      along === 'y' ? element.scrollHeight > element.clientHeight : element.scrollWidth > element.clientWidth,
    axis,
  );

// Reloads, runs and screenshots in both themes: longer than the default on a busy two-core machine.

test.beforeEach(async ({ api }) => {
  await seedExample(api, 'ticket-triage');
});

test('the canvas gets most of the window by default, and a dragged separator is remembered after a reload', async ({ editor }) => {
  await editor.openWorkflow('ticket-triage', 7);
  const canvas = await box(editor.page.locator('.react-flow'));
  expect((canvas.width * canvas.height) / (1440 * 900)).toBeGreaterThan(0.55);
  // The bottom dock starts as its tab strip, which says how many problems there are.
  await expect(editor.byTestId(ROOM_IDS.bottomProblems)).toHaveText('No problems');
  await shootLightAndDark(editor.page, 'room-default');

  const left = editor.byTestId(dockPanelId('left'));
  const before = (await box(left)).width;
  const separator = await box(editor.byTestId(dockSeparatorId('left')));
  await editor.dragBetween({ x: separator.x + 0.5, y: 400 }, { x: separator.x + 120.5, y: 400 });
  await expect.poll(async () => Math.round((await box(left)).width)).toBe(Math.round(before + 120));

  // The keyboard resizes too: focus the right separator and press ArrowLeft (the right dock grows).
  const right = editor.byTestId(dockPanelId('right'));
  const rightBefore = (await box(right)).width;
  await editor.byTestId(dockSeparatorId('right')).focus();
  await editor.page.keyboard.press('ArrowLeft');
  await expect.poll(async () => (await box(right)).width).toBeGreaterThan(rightBefore + 5);
  const rightAfter = (await box(right)).width;

  await editor.page.reload();
  await editor.openWorkflow('ticket-triage', 7);
  await expect.poll(async () => Math.round((await box(left)).width)).toBe(Math.round(before + 120));
  expect(Math.abs((await box(right)).width - rightAfter)).toBeLessThan(2);
  expect(editor.errors).toEqual([]);
});

test('the docks collapse to a rail or a strip and expand again, and stay as they were after a reload', async ({ editor }) => {
  await editor.openWorkflow('ticket-triage', 7);
  const inspector = editor.byTestId(TEST_IDS.inspector);
  await expect(inspector).toBeVisible();
  const canvasBefore = (await box(editor.page.locator('.react-flow'))).width;

  await editor.byTestId(dockToggleId('right')).click();
  await expect(inspector).toHaveCount(0);
  await expect.poll(async () => (await box(editor.byTestId(dockPanelId('right')))).width).toBeLessThan(40);
  await expect.poll(async () => (await box(editor.page.locator('.react-flow'))).width).toBeGreaterThan(canvasBefore + 250);

  await editor.byTestId(dockToggleId('left')).click();
  await expect(editor.byTestId(TEST_IDS.paletteSearch)).toHaveCount(0);
  await shootLightAndDark(editor.page, 'room-collapsed');

  // The bottom dock: a tab opens it, its button closes it.
  await expect(editor.byTestId(TEST_IDS.runPanel)).toHaveCount(0);
  await editor.byTestId(dockTabId('run')).click();
  await expect(editor.byTestId(TEST_IDS.runPanel)).toBeVisible();
  await expect(editor.page.getByRole('heading', { name: 'Problems' })).toBeVisible();
  await expect(editor.byTestId(dockToggleId('bottom'))).toHaveAttribute('aria-expanded', 'true');

  // The page URL names the open workflow, so the reload reopens it.
  await editor.page.reload();
  await expect(editor.canvasNodes).toHaveCount(7);
  await expect(inspector).toHaveCount(0);
  await expect(editor.byTestId(TEST_IDS.paletteSearch)).toHaveCount(0);
  await expect(editor.byTestId(TEST_IDS.runPanel)).toBeVisible();

  await editor.byTestId(dockToggleId('right')).click();
  await expect(inspector).toBeVisible();
  expect((await box(editor.byTestId(dockPanelId('right')))).width).toBeGreaterThan(250);
  await editor.byTestId(dockToggleId('left')).click();
  await expect(editor.byTestId(TEST_IDS.paletteSearch)).toBeVisible();
  await editor.byTestId(dockToggleId('bottom')).click();
  await expect(editor.byTestId(TEST_IDS.runPanel)).toHaveCount(0);
  expect(editor.errors).toEqual([]);
});

test('a 20 kB approval value keeps Approve, Reject and Cancel in view, and the run shows its tokens and cost', async ({
  editor,
  openai,
}) => {
  openai.reply({ delayMs: 300, then: { content: triageAnswer(20_000), usage: USAGE } });
  await editor.openWorkflow('ticket-triage', 7);
  await editor.byTestId(TEST_IDS.runButton).click();

  // Starting a run opens the bottom dock on the Run tab.
  const panel = editor.byTestId(TEST_IDS.runPanel);
  await expect(panel).toBeVisible();
  const approval = editor.byTestId(TEST_IDS.approvalItem);
  await expect(approval).toBeVisible({ timeout: EVENT_WAIT_MS });
  await expect(editor.byTestId(ROOM_IDS.approvalValue)).toContainText('We are looking into the duplicate charge');
  expect((await editor.byTestId(ROOM_IDS.approvalValue).textContent())?.length).toBeGreaterThan(20_000);

  // Totals while the run waits: one model call, its tokens and its cost.
  const totals = editor.byTestId(ROOM_IDS.runTotals);
  await expect(totals).toHaveAttribute('data-tokens', '6200');
  expect(Number(await totals.getAttribute('data-cost-usd'))).toBeCloseTo(COST, 10);
  await expect(totals).toContainText('1 model call · 6,200 tokens');
  await expect(totals).toContainText('$0.0032');

  for (const id of [TEST_IDS.approveButton, TEST_IDS.rejectButton, DEBUG_IDS.cancelButton]) await expectInViewport(editor.byTestId(id));
  await expectInViewport(panel);
  // The value scrolls inside its box instead of stretching the panel.
  const value = editor.byTestId(ROOM_IDS.approvalValue);
  expect(await overflows(value, 'y')).toBe(true);
  expect(await overflows(panel, 'x')).toBe(false);
  await shootLightAndDark(editor.page, 'room-approval');

  await editor.byTestId(TEST_IDS.approveButton).click();
  await expect(editor.byTestId(TEST_IDS.runStatus)).toHaveText('succeeded', { timeout: EVENT_WAIT_MS });
  await expect(totals).toContainText('1 model call · 6,200 tokens');
  expect(editor.errors).toEqual([]);
});

test('the node-detail view opens from the trace and from Compare, with inputs, config and outputs', async ({ editor, api, openai }) => {
  openai.reply({ content: triageAnswer(400), usage: USAGE }, { content: triageAnswer(600), usage: USAGE });
  const first = await api.client.call('runs.start', {
    workspace: 'default',
    workflowId: 'ticket-triage',
    inputs: { ticket: 'Charged twice.' },
  });
  const second = await api.client.call('runs.start', {
    workspace: 'default',
    workflowId: 'ticket-triage',
    inputs: { ticket: 'Charged three times.' },
  });
  for (const { runId } of [first, second]) {
    await expect
      .poll(async () => (await api.client.call('runs.get', { workspace: 'default', runId })).run.status, { timeout: EVENT_WAIT_MS })
      .toBe('waiting');
  }
  const viewer = new RunViewer(editor);
  await editor.openWorkflow('ticket-triage', 7);

  // From Compare: a row's button opens the node in both runs.
  await viewer.showTab('compare');
  await expect(viewer.compareRow('classify')).toBeVisible();
  await expect(editor.byTestId(VIEWER_IDS.compareSummary)).toBeVisible();
  await editor.byTestId(compareRowOpenId('classify')).click();
  const detail = editor.byTestId(ROOM_IDS.nodeDetail);
  await expect(detail).toBeVisible();
  await expect(detail.getByRole('heading', { level: 1 })).toHaveText('Classify ticket');
  await expect(detail.getByTestId(ROOM_IDS.nodeDetailInputs)).toContainText('Charged twice.');
  await expect(detail.getByTestId(ROOM_IDS.nodeDetailInputs)).toContainText('Charged three times.');
  await expect(detail.getByTestId(ROOM_IDS.nodeDetailConfig)).toContainText('You triage support tickets');
  await expect(detail.getByTestId(ROOM_IDS.nodeDetailOutputs)).toContainText('A customer was charged twice for the Team plan.');
  await expect(detail.locator('[data-run="A"]')).toHaveCount(2);
  await shootLightAndDark(editor.page, 'room-compare-detail');
  await editor.page.keyboard.press('Escape');
  await expect(detail).toHaveCount(0);
  await shootLightAndDark(editor.page, 'room-compare');

  // From the selected node's comparison.
  await editor.byTestId(ROOM_IDS.compareDetailOpen).click();
  await expect(detail).toBeVisible();
  await editor.byTestId(ROOM_IDS.nodeDetailClose).click();
  await expect(detail).toHaveCount(0);

  // From the trace of a run shown on the canvas.
  await viewer.showTab('history');
  await viewer.historyRow(second.runId).click();
  await viewer.inspect('classify');
  await editor.byTestId(ROOM_IDS.traceDetailOpen).click();
  await expect(detail).toBeVisible();
  await expect(detail.getByTestId(ROOM_IDS.nodeDetailInputs)).toContainText('Charged three times.');
  await expect(detail.getByTestId(ROOM_IDS.nodeDetailConfig)).toContainText('gpt-4o-mini');
  await expect(detail.getByTestId(ROOM_IDS.nodeDetailOutputs)).toContainText('"route": "billing"');
  await shootLightAndDark(editor.page, 'room-node-detail');
  await editor.page.keyboard.press('Escape');
  await expect(detail).toHaveCount(0);
  expect(editor.errors).toEqual([]);
});
