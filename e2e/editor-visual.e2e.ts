import path from 'node:path';
import { nodeRunLineId, nodeSummaryId, nodeTitleId, paletteItemId, ROOM_IDS, TEST_IDS, VIEWER_IDS } from '../src-renderer/test-ids.ts';
import { seedExample } from './fixtures/api.ts';
import { waitForRunStatus } from './fixtures/debugger.ts';
import { ARTIFACTS, expect, test } from './fixtures/openai.ts';
import { RunViewer } from './fixtures/run-viewer.ts';

// The canvas's visual language on resources/examples/ticket-triage.operon.json (nodes of six categories), run against
// the loopback OpenAI-compatible server and rejected at its approval:
// start -> classify (LLM) -> suggest -> approve -> record -> decision, or (rejected) -> rejected.

const TRIAGE = { route: 'billing', priority: 'high', summary: 'Charged twice for the Team plan', reply: 'We are refunding the duplicate.' };
const LONG_LABEL = 'Suggest the routing and a reply for the billing team';

/** What the page reports of an element's size (the e2e project has no DOM types). */
interface Box {
  scrollWidth: number;
  clientWidth: number;
  scrollHeight: number;
  clientHeight: number;
}

test.beforeEach(async ({ api, openai, editor }) => {
  openai.reply({ content: JSON.stringify(TRIAGE), usage: { prompt_tokens: 200, completion_tokens: 40 } });
  await seedExample(api, 'ticket-triage');
  await editor.goto();
  await editor.openWorkflow('ticket-triage', 7);
});

test('nodes show icons as SVG, their key settings, and no attribution; edges have arrowheads', async ({ editor }) => {
  const page = editor.page;
  // Icons are drawn, never their names as text: on the canvas, in the palette and in the inspector.
  for (const id of ['start', 'classify', 'suggest', 'approve', 'record', 'decision']) {
    await expect(editor.node(id).locator('.node-icon-tile svg'), `icon of ${id}`).toHaveCount(1);
  }
  await expect(editor.canvasNodes.filter({ hasText: /sparkles|wand-sparkles|file-output|user-check/ })).toHaveCount(0);
  await expect(editor.byTestId(paletteItemId('core.llm')).locator('svg')).toHaveCount(1);
  await expect(editor.byTestId(paletteItemId('core.llm'))).toHaveText('LLM');
  await editor.node('classify').click();
  await expect(page.locator('.inspector-heading svg')).toHaveCount(1);
  await expect(page.locator('.inspector-heading')).toContainText('Classify ticket');

  // Key settings: the model and the prompt's first line; the file path; the approval's title.
  await expect(editor.byTestId(nodeSummaryId('classify'))).toContainText('Model');
  await expect(editor.byTestId(nodeSummaryId('classify'))).toContainText('gpt-4o-mini');
  await expect(editor.byTestId(nodeSummaryId('record'))).toContainText('triage-decisions.jsonl');
  await expect(editor.byTestId(nodeSummaryId('approve'))).toContainText('Approve routing');
  // Labels, not ids: an unlabelled node shows its type's title, numbered when two share it.
  await expect(editor.byTestId(nodeTitleId('suggest'))).toHaveText('Transform');
  await expect(editor.byTestId(nodeTitleId('decision'))).toHaveText('Output');
  await expect(editor.byTestId(nodeTitleId('rejected'))).toHaveText('Output 2');

  // Categories have their own colours: an AI node is drawn in the AI tone, the Approval in the Human one.
  await expect(editor.node('classify').locator('.operon-node')).toHaveClass(/\btone-ai\b/);
  await expect(editor.node('approve').locator('.operon-node')).toHaveClass(/\btone-human\b/);
  await expect(editor.node('record').locator('.operon-node')).toHaveClass(/\btone-files\b/);

  await expect(page.locator('.react-flow__attribution')).toHaveCount(0);
  const paths = page.locator('.react-flow__edge-path');
  await expect(paths).toHaveCount(6);
  for (let i = 0; i < 6; i += 1) await expect(paths.nth(i)).toHaveAttribute('marker-end', /^url\(['"]?#.+\)$/);
  await expect(page.locator('.react-flow__edges marker, svg marker')).not.toHaveCount(0);
});

test('a run: statuses as dots that never cut the title, durations, the path taken, and a rejected approval', async ({ editor }) => {
  // A model call, a person's decision, then the timeline, the trace and two screenshots: slow on a busy machine.
  const page = editor.page;
  const viewer = new RunViewer(editor);
  // A long label wraps; the status dot beside it takes none of its room.
  await editor.node('suggest').click();
  await editor.byTestId(TEST_IDS.inspectorLabel).fill(LONG_LABEL);
  await expect(editor.byTestId(nodeTitleId('suggest'))).toHaveText(LONG_LABEL);

  // A refused connection names nodes by label (a cycle, or an occupied input, whichever the rules say first).
  await editor.connect({ node: 'suggest', port: 'out' }, { node: 'classify', port: 'in' });
  await expect(editor.byTestId(TEST_IDS.toast)).toContainText('"Classify ticket"');
  await expect(editor.byTestId(TEST_IDS.toast)).not.toContainText('"classify"');

  await editor.byTestId(TEST_IDS.runButton).click();
  const approval = editor.byTestId(TEST_IDS.approvalItem);
  await expect(approval).toContainText('Approve routing');
  await expect(approval.locator('.approval-node')).toHaveText('Approval');
  await expect(editor.nodeStatus('approve')).toHaveText('waiting');
  await approval.getByTestId(TEST_IDS.rejectButton).click();
  await expect(editor.byTestId(TEST_IDS.runStatus)).toHaveText('succeeded');

  // The rejected approval shows as rejected, not succeeded: dot, border, the line under it.
  await expect(editor.nodeStatus('approve')).toHaveText('rejected');
  await expect(editor.node('approve').locator('.operon-node')).toHaveAttribute('data-status', 'rejected');
  await expect(editor.byTestId(nodeRunLineId('approve'))).toContainText('rejected');
  await expect(editor.nodeStatus('classify')).toHaveText('succeeded');
  // Each node that ran says how long it took.
  await expect(editor.byTestId(nodeRunLineId('classify'))).toContainText(/\d+(\.\d+)? (ms|s)/);

  const title = editor.byTestId(nodeTitleId('suggest'));
  await expect(title).toHaveText(LONG_LABEL);
  const cut = await title.evaluate((el: Box) => el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1);
  expect(cut, 'the title is cut short').toBe(false);
  const [titleBox, dotBox] = [await title.boundingBox(), await editor.nodeStatus('suggest').boundingBox()];
  expect(titleBox !== null && dotBox !== null && titleBox.x + titleBox.width <= dotBox.x).toBe(true);

  // The path the run took: approve -> rejected (e6) was taken, approve -> record (e4) was not.
  const edge = (id: string) => page.locator(`.react-flow__edge[data-id="${id}"]`);
  await expect(edge('e6')).toHaveClass(/(^|\s)taken(\s|$)/);
  await expect(edge('e4')).toHaveClass(/(^|\s)not-taken(\s|$)/);
  await expect(edge('e1')).toHaveClass(/(^|\s)taken(\s|$)/);

  // The timeline and the trace name nodes by label and show the rejection.
  await viewer.showTab('timeline');
  await expect(viewer.timelineRow('approve')).toHaveAttribute('data-status', 'rejected');
  await expect(viewer.timelineRow('approve')).toContainText('Approval');
  await expect(viewer.timelineRow('classify')).toContainText('Classify ticket');
  await expect(viewer.timelineRow('suggest')).toContainText(LONG_LABEL);
  const trace = await viewer.inspect('approve');
  await expect(trace.getByTestId(VIEWER_IDS.traceStatus)).toHaveText('rejected');
  await expect(trace.locator('h2').first()).toContainText('Approval');

  await editor.screenshot('editor-visual-light.png');
  await editor.byTestId(TEST_IDS.themeToggle).click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await editor.screenshot('editor-visual-dark.png');
});

test('problems name nodes by label', async ({ editor }) => {
  await editor.node('suggest').click();
  await editor.inspectorField('expression').fill('$sum(');
  const problem = editor.byTestId(TEST_IDS.problemItem);
  // The bottom dock starts collapsed to its strip, which counts the problems; the count opens it.
  await editor.byTestId(ROOM_IDS.bottomProblems).click();
  await expect(problem).toHaveCount(1);
  await expect(problem.locator('.problem-where')).toHaveText('Transform');
  await expect(problem).not.toContainText('suggest');
});

test('a past run opened from History draws the rejection and the path it took', async ({ editor, api }) => {
  const page = editor.page;
  const viewer = new RunViewer(editor);
  const { runId } = await api.client.call('runs.start', { workspace: 'default', workflowId: 'ticket-triage', inputs: {} });
  await waitForRunStatus(api, runId, ['waiting']);
  await api.client.call('runs.decide', { workspace: 'default', runId, decision: 'rejected', comment: 'not billing' });
  expect(await waitForRunStatus(api, runId, ['succeeded', 'failed'])).toBe('succeeded');

  await viewer.showTab('history');
  await viewer.historyRow(runId).click();
  await expect(editor.nodeStatus('approve')).toHaveText('rejected');
  await expect(page.locator('.react-flow__edge[data-id="e6"]')).toHaveClass(/(^|\s)taken(\s|$)/);
  await expect(page.locator('.react-flow__edge[data-id="e4"]')).toHaveClass(/(^|\s)not-taken(\s|$)/);
  await expect(editor.byTestId(nodeRunLineId('classify'))).toContainText(/\d+(\.\d+)? (ms|s)/);

  // The nodes up close, in both themes.
  await page.locator('.react-flow__controls-zoomin').click();
  await page.locator('.react-flow__controls-zoomin').click();
  await page.locator('.canvas').screenshot({ path: path.join(ARTIFACTS, 'editor-visual-nodes-light.png') });
  await editor.byTestId(TEST_IDS.themeToggle).click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.locator('.canvas').screenshot({ path: path.join(ARTIFACTS, 'editor-visual-nodes-dark.png') });
});
