import { TEST_IDS, VIEWER_IDS } from '../src-renderer/test-ids.ts';
import { expect, test } from './fixtures/editor.ts';
import { seedWorkflow } from './fixtures/api.ts';
import { RunViewer } from './fixtures/run-viewer.ts';
import { EVENT_WAIT_MS } from '../src-main/services/testing/waiting.ts';

const BIG = 40_000;
const MEDIUM = 2_000;

test.beforeEach(async ({ api }) => {
  await seedWorkflow(api, {
    id: 'viewer-trace',
    name: 'Viewer: trace',
    inputs: {
      type: 'object',
      properties: { numbers: { type: 'array', default: [1, 2, 3] }, label: { type: 'string', default: 'hello' } },
    },
    nodes: [
      { id: 'start', type: 'core.manual-trigger' },
      { id: 'double', type: 'core.transform', config: { expression: '{ "doubled": numbers.($ * 2), "label": label }' } },
      { id: 'medium', type: 'core.transform', config: { expression: `$pad("", ${MEDIUM}, "y")` }, position: { x: 260, y: 260 } },
      { id: 'big', type: 'core.transform', config: { expression: `$pad("", ${BIG}, "x")` }, position: { x: 260, y: 420 } },
      { id: 'result', type: 'core.output', config: { name: 'doubled' } },
    ],
    edges: [
      ['start', 'double'],
      ['start', 'medium'],
      ['start', 'big'],
      ['double', 'result'],
    ],
  });
});

test("after a run, the trace shows a node's exact inputs and outputs, its raw JSON, and large values in pages", async ({ editor }) => {
  const viewer = new RunViewer(editor);
  await editor.goto();
  await editor.openWorkflow('viewer-trace', 5);
  await editor.byTestId(TEST_IDS.runButton).click();
  await expect(editor.byTestId(TEST_IDS.runStatus)).toHaveText('succeeded', { timeout: EVENT_WAIT_MS });

  // The resolved inputs (the run inputs with their defaults) and the outputs, exactly.
  const trace = await viewer.inspect('double');
  await expect(trace.getByTestId(VIEWER_IDS.traceStatus)).toHaveText('succeeded');
  await expect(viewer.tracePort('inputs', 'in').getByTestId(VIEWER_IDS.valueText)).toHaveText(
    JSON.stringify({ numbers: [1, 2, 3], label: 'hello' }, null, 2),
  );
  await expect(viewer.tracePort('outputs', 'out').getByTestId(VIEWER_IDS.valueText)).toHaveText(
    JSON.stringify({ doubled: [2, 4, 6], label: 'hello' }, null, 2),
  );
  await expect(trace.getByTestId(VIEWER_IDS.traceAttempt)).toHaveCount(1);
  await expect(trace.getByTestId(VIEWER_IDS.traceAttempt)).toHaveAttribute('data-outcome', 'succeeded');

  // Raw JSON is one click away: the node's logged events as they are.
  await trace.getByTestId(VIEWER_IDS.traceRawToggle).click();
  const raw = trace.getByTestId(VIEWER_IDS.traceRaw);
  await expect(raw).toContainText('"type": "node.started"');
  await expect(raw).toContainText('"type": "node.finished"');
  await expect(raw).toContainText('"doubled": [');
  await trace.getByTestId(VIEWER_IDS.traceRawToggle).click();
  await expect(raw).toHaveCount(0);

  // A long inline value is truncated, with "Show all".
  await viewer.inspect('medium');
  const medium = viewer.tracePort('outputs', 'out');
  const mediumText = medium.getByTestId(VIEWER_IDS.valueText);
  expect((await mediumText.innerText()).length).toBeLessThan(MEDIUM);
  await medium.getByTestId(VIEWER_IDS.valueShowAll).click();
  await expect(mediumText).toHaveText(`"${'y'.repeat(MEDIUM)}"`);
  await expect(medium.getByTestId(VIEWER_IDS.valueShowAll)).toHaveCount(0);

  // A large value (stored apart from the log) shows its size, then a first page, then all of it.
  await viewer.inspect('big');
  const big = viewer.tracePort('outputs', 'out');
  const ref = big.getByTestId(VIEWER_IDS.valueRef);
  await expect(ref).toContainText('Large value · 39.1 KB');
  await expect(ref.getByTestId(VIEWER_IDS.valueText)).toHaveCount(0);
  await ref.getByTestId(VIEWER_IDS.valueRefShow).click();
  const page = ref.getByTestId(VIEWER_IDS.valueText);
  await expect(page).toBeVisible();
  const firstPage = (await page.innerText()).length;
  expect(firstPage).toBeGreaterThan(1000);
  expect(firstPage).toBeLessThan(BIG);
  await ref.getByTestId(VIEWER_IDS.valueRefAll).click();
  await expect(ref.getByTestId(VIEWER_IDS.valueRefAll)).toHaveCount(0);
  expect(await page.innerText()).toBe(`"${'x'.repeat(BIG)}"`);

  // Any value can be copied whole.
  await editor.page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await ref.getByTestId(VIEWER_IDS.valueCopy).click();
  await expect(ref.getByTestId(VIEWER_IDS.valueCopy)).toHaveText('Copied');
  const copied = await editor.page.evaluate<string>('navigator.clipboard.readText()');
  expect(copied).toBe(`"${'x'.repeat(BIG)}"`);
  await viewer.inspect('double');
  await editor.screenshot('run-viewer-trace.png');
  expect(editor.errors).toEqual([]);
});
