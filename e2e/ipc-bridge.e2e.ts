import { readFileSync } from 'node:fs';
import path from 'node:path';
import { TEST_IDS, VIEWER_IDS } from '../src-renderer/test-ids.ts';
import { test as editorTest, expect } from './fixtures/editor.ts';
import { openDesktopPage, type DesktopPage } from './fixtures/ipc-bridge.ts';
import { RunViewer } from './fixtures/run-viewer.ts';
import { ROOT } from './fixtures/serve.ts';

// The desktop app's road without the Electron binary: the built renderer in Chromium, `window.operon` made by the
// built preload (its `electron` stood in for), each call relayed to the real engine host over a real MessagePort, and
// the engine's pushed events delivered back into the page. The `served` fixture of the editor tests is replaced by it.

const { version } = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
const EXPRESSION = '{ "answer": 6 * 7 }';

const test = editorTest.extend<{ desktop: DesktopPage }>({
  desktop: async ({ page }, use) => {
    const desktop = await openDesktopPage(page);
    try {
      await use(desktop);
    } finally {
      await desktop.close();
    }
  },
  served: async ({ desktop }, use) => {
    const origin = new URL(desktop.url).origin;
    await use({
      url: desktop.url,
      origin,
      port: Number(new URL(origin).port),
      token: '',
      dataDir: desktop.dataDir,
      output: () => '',
      stop: () => Promise.resolve(),
    });
  },
});

test('the editor draws, runs and inspects a workflow over the desktop bridge, never a WebSocket', async ({ editor, desktop }) => {
  const { page } = editor;
  // The page chose the bridge: it opened no WebSocket (it would have while starting, before the editor showed).
  expect(desktop.websockets).toEqual([]);
  // The page sees the preload's one object, of exactly the bridge's shape.
  expect(await page.evaluate(() => Object.keys((globalThis as unknown as { operon: object }).operon))).toEqual([
    'version',
    'request',
    'onEvent',
  ]);
  expect(await page.evaluate(() => (globalThis as unknown as { operon: { version: string } }).operon.version)).toBe(version);

  await editor.byTestId(TEST_IDS.newWorkflow).click();
  await expect(editor.canvasNodes).toHaveCount(1);
  const [trigger] = await editor.nodeIds();
  if (trigger === undefined) throw new Error('no trigger node');
  await editor.zoomOut(4);
  const start = await editor.boxInPane(trigger);
  const transform = await editor.addFromPalette('core.transform', { x: start.right + 60, y: start.top + 100 });
  const output = await editor.addFromPalette('core.output', { x: start.left, y: start.bottom + 150 });
  await editor.connect({ node: trigger, port: 'out' }, { node: transform, port: 'in' });
  await editor.connect({ node: transform, port: 'out' }, { node: output, port: 'in' });
  await expect(editor.edges).toHaveCount(2);
  await editor.node(transform).click();
  await editor.inspectorField('expression').fill(EXPRESSION);
  await editor.byTestId(TEST_IDS.saveButton).click();
  await expect(editor.byTestId(TEST_IDS.dirtyMarker)).toBeHidden();

  await editor.byTestId(TEST_IDS.runButton).click();
  await expect(editor.byTestId(TEST_IDS.runStatus)).toHaveText('succeeded', { timeout: 20_000 });
  for (const node of [trigger, transform, output]) await expect(editor.nodeStatus(node), `status of ${node}`).toHaveText('succeeded');
  await expect(editor.byTestId(TEST_IDS.runOutputs)).toContainText('42');

  // Inspect: the trace of the transform node, read through the bridge from the engine's run log.
  const viewer = new RunViewer(editor);
  const trace = await viewer.inspect(transform);
  await expect(trace.getByTestId(VIEWER_IDS.traceStatus)).toHaveText('succeeded');
  await expect(viewer.tracePort('outputs', 'out').getByTestId(VIEWER_IDS.valueText)).toHaveText(JSON.stringify({ answer: 42 }, null, 2));

  // The engine host stored what was drawn and ran it.
  const check = desktop.handlers.connect({ push: () => undefined, backlog: () => 0 });
  const { workflows } = (await check.handle('workflows.list', {})) as { workflows: { id: string }[] };
  expect(workflows).toHaveLength(1);
  const { runs } = (await check.handle('runs.list', { workflowId: workflows[0]?.id })) as { runs: { kind: string; status?: string }[] };
  expect(runs.map((run) => run.status)).toEqual(['succeeded']);
  check.close();

  // Everything went over the bridge: the calls, and the run's events back through the preload's listeners.
  expect(desktop.calls).toEqual(expect.arrayContaining(['nodeTypes.catalogue', 'workflows.save', 'runs.start', 'runs.watch']));
  expect(desktop.events).toEqual(expect.arrayContaining(['run.event', 'run.watchEnded', 'runs.changed']));
  expect(desktop.deliveryErrors).toEqual([]);
  expect(desktop.websockets).toEqual([]);

  // A name outside the contract is answered by the bridge itself and never crosses IPC.
  const callsBefore = desktop.calls.length;
  const refused = await page.evaluate(() =>
    (globalThis as unknown as { operon: { request(call: string, input: unknown): Promise<unknown> } }).operon.request(
      'shell.openExternal',
      {},
    ),
  );
  expect(refused).toMatchObject({ ok: false, error: { code: 'OPR-160' } });
  expect(desktop.calls).toHaveLength(callsBefore);
  expect(editor.errors).toEqual([]);
});
