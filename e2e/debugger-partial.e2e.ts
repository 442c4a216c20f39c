import { DEBUG_IDS, TEST_IDS } from '../src-renderer/test-ids.ts';
import {
  Debugger,
  newRunId,
  nodesWith,
  runEvents,
  runIds,
  startCountingServer,
  waitForRunStatus,
  type CountingServer,
} from './fixtures/debugger.ts';
import { seedWorkflow } from './fixtures/api.ts';
import { expect, test } from './fixtures/editor.ts';
import { EVENT_WAIT_MS } from '../src-main/services/testing/waiting.ts';

let upstream: CountingServer;

test.beforeEach(async ({ api, editor }) => {
  upstream = await startCountingServer({ value: 4 });
  // start -> fetch (GET the counting server) -> pick (body.value * 10) -> result
  await seedWorkflow(api, {
    id: 'fetching',
    name: 'Fetching',
    nodes: [
      { id: 'start', type: 'core.manual-trigger' },
      { id: 'fetch', type: 'core.http-request', config: { url: upstream.url } },
      { id: 'pick', type: 'core.transform', config: { expression: 'body.value * 10' } },
      { id: 'result', type: 'core.output', config: { name: 'result' } },
    ],
    edges: [
      ['start', 'fetch'],
      ['fetch', 'pick'],
      ['pick', 'result'],
    ],
  });
  await editor.goto();
  await editor.openWorkflow('fetching', 4);
});

test.afterEach(async () => {
  await upstream.close();
});

test('run from here re-runs the node and downstream, reusing the upstream outputs of the run on the canvas', async ({ editor, api }) => {
  const debug = new Debugger(editor);
  await editor.byTestId(TEST_IDS.runButton).click();
  await expect(debug.runStatus).toHaveText('succeeded', { timeout: EVENT_WAIT_MS });
  await expect(editor.byTestId(TEST_IDS.runOutputs)).toContainText('"result": 40');
  expect(upstream.count()).toBe(1);
  const [first] = await runIds(api, 'fetching');

  // Change the node, then run from it: only it and what is downstream run again.
  await debug.selectNode('pick');
  await editor.inspectorField('expression').fill('body.value * 100');
  await expect(debug.id('pastRunSelect')).toContainText(`the run on the canvas (${first})`);
  await debug.id('runFromHere').click();
  await expect(editor.byTestId(TEST_IDS.runPanel)).toBeVisible();
  await expect(debug.runStatus).toHaveText('succeeded', { timeout: EVENT_WAIT_MS });
  await expect(editor.byTestId(TEST_IDS.runOutputs)).toContainText('"result": 400');
  await expect(debug.id('reusedNodes')).toHaveText('Manual trigger, HTTP request'); // by label: start, fetch
  await expect(debug.id('partialRun')).toContainText(`reusing run ${first}`);
  for (const id of ['start', 'fetch']) await expect(editor.nodeStatus(id)).toHaveText('reused');
  await expect(editor.nodeStatus('pick')).toHaveText('succeeded');

  // The upstream HTTP node did not run again: no request, and the log has no node.started for it.
  expect(upstream.count()).toBe(1);
  const [second] = await runIds(api, 'fetching');
  expect(second).not.toBe(first);
  const events = await runEvents(api, second!);
  expect(nodesWith(events, 'node.started')).toEqual(['pick', 'result']);
  expect(events.filter((e) => e.type === 'node.reused')).toEqual([
    expect.objectContaining({ nodeId: 'start', from: { kind: 'run', runId: first } }),
    expect.objectContaining({ nodeId: 'fetch', from: { kind: 'run', runId: first } }),
  ]);
  expect(editor.errors).toEqual([]);
});

test('run from here can reuse a chosen past run, and run to here runs only the node and what it depends on', async ({ editor, api }) => {
  const debug = new Debugger(editor);
  await editor.byTestId(TEST_IDS.runButton).click();
  await expect(debug.runStatus).toHaveText('succeeded', { timeout: EVENT_WAIT_MS });
  const [first] = await runIds(api, 'fetching');

  // Run to here: only fetch and its trigger run (a second request); pick and result do not.
  await debug.selectNode('fetch');
  await debug.id('runToHere').click();
  const toRun = await newRunId(api, 'fetching', [first]);
  expect(await waitForRunStatus(api, toRun, ['succeeded', 'failed'])).toBe('succeeded');
  await expect(debug.runStatus).toHaveText('succeeded');
  expect(upstream.count()).toBe(2);
  expect(nodesWith(await runEvents(api, toRun), 'node.started')).toEqual(['start', 'fetch']);
  await expect(editor.nodeStatus('pick')).not.toHaveText('succeeded');

  // Run from pick, reusing the first run chosen in the list (not the run on the canvas).
  await debug.selectNode('pick');
  await expect(debug.id('pastRunSelect').locator('option')).toHaveCount(3);
  await debug.id('pastRunSelect').selectOption(first!);
  await debug.id('runFromHere').click();
  const fromRun = await newRunId(api, 'fetching', [first, toRun]);
  expect(await waitForRunStatus(api, fromRun, ['succeeded', 'failed'])).toBe('succeeded');
  await expect(debug.runStatus).toHaveText('succeeded');
  await expect(editor.byTestId(DEBUG_IDS.partialRun)).toContainText(`reusing run ${first}`);
  expect(upstream.count()).toBe(2);
  const events = await runEvents(api, fromRun);
  expect(nodesWith(events, 'node.started')).toEqual(['pick', 'result']);
  expect(events.find((e) => e.type === 'run.started')).toMatchObject({ partial: { fromRunId: first, fromNode: 'pick' } });
  expect(editor.errors).toEqual([]);
});

test('an upstream node changed since the past run runs again, and the run panel says why', async ({ editor, api }) => {
  const debug = new Debugger(editor);
  await editor.byTestId(TEST_IDS.runButton).click();
  await expect(debug.runStatus).toHaveText('succeeded', { timeout: EVENT_WAIT_MS });
  const [first] = await runIds(api, 'fetching');

  await debug.selectNode('fetch');
  await editor.inspectorField('url').fill(`${upstream.url}?again=1`);
  await debug.selectNode('pick');
  await debug.id('runFromHere').click();
  const second = await newRunId(api, 'fetching', [first]);
  expect(await waitForRunStatus(api, second, ['succeeded', 'failed'])).toBe('succeeded');
  await expect(debug.id('reusedNodes')).toHaveText('Manual trigger');
  await expect(debug.id('rerunNodes')).toContainText('HTTP request runs again');
  await expect(editor.nodeStatus('fetch')).toHaveText('succeeded');
  await expect(editor.nodeStatus('start')).toHaveText('reused');
  expect(upstream.count()).toBe(2);
  expect(nodesWith(await runEvents(api, second), 'node.started')).toEqual(['fetch', 'pick', 'result']);
  expect(editor.errors).toEqual([]);
});
