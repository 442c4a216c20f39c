import { DEBUG_IDS, TEST_IDS, jsonToggleId, pinMarkerId, runInputId } from '../src-renderer/test-ids.ts';
import { Debugger, doublingWorkflow, newRunId, nodesWith, runEvents, runIds, waitForRunStatus } from './fixtures/debugger.ts';
import { seedWorkflow } from './fixtures/api.ts';
import { expect, test } from './fixtures/editor.ts';

test('a pinned output (typed JSON) replaces the node in editor runs, until it is unpinned; a pin can also come from the run on the canvas', async ({
  editor,
  api,
}) => {
  await seedWorkflow(api, doublingWorkflow('pinning', 'Pinning'));
  await editor.goto();
  await editor.openWorkflow('pinning', 4);
  const debug = new Debugger(editor);
  const runNow = async (before: readonly string[]) => {
    await editor.byTestId(TEST_IDS.runButton).click();
    const runId = await newRunId(api, 'pinning', before);
    expect(await waitForRunStatus(api, runId, ['succeeded', 'failed'])).toBe('succeeded');
    await expect(debug.runStatus).toHaveText('succeeded');
    return runId;
  };

  await debug.selectNode('double');
  await editor.byTestId(jsonToggleId(DEBUG_IDS.pinJson)).click(); // typed as JSON here; the form is e2e/editor-structured-fields
  await expect(debug.id('pinJson')).toHaveValue(/"out": null/); // a template of its output ports
  await expect(debug.id('pinFromRun')).toBeDisabled(); // no run on the canvas yet
  await debug.id('pinJson').fill('{"out": 99}');
  await debug.id('pinTyped').click();
  await expect(editor.byTestId(pinMarkerId('double'))).toBeVisible();
  await expect(debug.id('pinnedOutputs')).toContainText('"out": 99');

  await debug.showRunTab();
  await editor.byTestId(runInputId('n')).fill('5');
  const pinnedRun = await runNow([]);
  await expect(editor.byTestId(TEST_IDS.runOutputs)).toContainText('"result": 100');
  await expect(editor.nodeStatus('double')).toHaveText('reused');
  const events = await runEvents(api, pinnedRun);
  expect(nodesWith(events, 'node.started')).not.toContain('double');
  expect(events.find((e) => e.type === 'node.reused')).toMatchObject({ nodeId: 'double', outputs: { out: 99 }, from: { kind: 'pin' } });
  // A run outside the editor (not a design run) ignores pins.
  const { runId: plain } = await api.client.call('runs.start', { workspace: 'default', workflowId: 'pinning', inputs: { n: 5 } });
  await waitForRunStatus(api, plain, ['succeeded']);
  expect((await api.client.call('runs.get', { workspace: 'default', runId: plain })).run.outputs).toEqual({ result: 11 });

  await debug.selectNode('double');
  await debug.id('unpin').click();
  await expect(editor.byTestId(pinMarkerId('double'))).toHaveCount(0);
  expect((await api.client.call('pins.list', { workspace: 'default', workflowId: 'pinning' })).pins).toEqual({});
  await debug.showRunTab();
  const unpinnedRun = await runNow([pinnedRun, plain]);
  await expect(editor.byTestId(TEST_IDS.runOutputs)).toContainText('"result": 11');
  await expect(editor.nodeStatus('double')).toHaveText('succeeded');

  // Pin what double gave in the run on the canvas (10).
  await debug.selectNode('double');
  await debug.id('pinFromRun').click();
  await expect(debug.id('pinnedOutputs')).toContainText('"out": 10');
  await expect(editor.byTestId(pinMarkerId('double'))).toBeVisible();
  const { pins } = await api.client.call('pins.list', { workspace: 'default', workflowId: 'pinning' });
  expect(pins.double).toMatchObject({ outputs: { out: 10 }, fromRunId: unpinnedRun });
  expect(await runIds(api, 'pinning')).toHaveLength(3);
  expect(editor.errors).toEqual([]);
});
