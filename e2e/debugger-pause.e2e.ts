import { TEST_IDS, breakpointMarkerId, dockTabId, historyRowId, runInputId } from '../src-renderer/test-ids.ts';
import { Debugger, doublingWorkflow, nodesWith, runEvents, runIds, waitForRunStatus } from './fixtures/debugger.ts';
import { seedWorkflow } from './fixtures/api.ts';
import { expect, test } from './fixtures/editor.ts';
import { EVENT_WAIT_MS } from '../src-main/services/testing/waiting.ts';

// The server's local user, who decides when the editor names nobody (the one-person setup acts as OPERON_USER).
test.use({ serveEnv: { OPERON_USER: 'dana' } });

const DOUBLING = doublingWorkflow('doubling', 'Doubling');

test.beforeEach(async ({ api, editor }) => {
  await seedWorkflow(api, DOUBLING);
  await editor.goto();
  await editor.openWorkflow('doubling', 4);
});

test('a breakpoint (F9) pauses before its node with its inputs; an edit of them is an override the output and the log show', async ({
  editor,
  api,
}) => {
  const debug = new Debugger(editor);
  await debug.selectNode('plusOne');
  await editor.page.keyboard.press('F9');
  await expect(editor.byTestId(breakpointMarkerId('plusOne'))).toBeVisible();
  await expect(debug.id('breakpointToggle')).toHaveText('Remove breakpoint');

  await debug.showRunTab();
  await editor.byTestId(runInputId('n')).fill('3');
  await debug.id('debugButton').click();
  expect(await debug.expectPausedAt('plusOne', 'breakpoint')).toEqual({ in: 6 });
  await expect(editor.nodeStatus('double')).toHaveText('succeeded');
  await expect(editor.nodeStatus('result')).toHaveCount(0);
  await editor.screenshot('debugger-paused.png');

  await debug.id('heldInputs').fill('{"in": 20}'); // expectPausedAt switched it to JSON
  await debug.id('continueButton').click();
  await expect(debug.runStatus).toHaveText('succeeded', { timeout: EVENT_WAIT_MS });
  await expect(debug.id('debugBar')).toHaveCount(0);
  await expect(editor.byTestId(TEST_IDS.runOutputs)).toContainText('"result": 21');
  await expect(editor.node('plusOne').getByText('edited')).toBeVisible();

  const [runId] = await runIds(api, 'doubling');
  const events = await runEvents(api, runId!);
  expect(events.find((e) => e.type === 'node.override')).toMatchObject({ nodeId: 'plusOne', inputs: { in: 20 }, by: 'dana' });
  expect(events.find((e) => e.type === 'node.started' && e.nodeId === 'plusOne')).toMatchObject({ inputs: { in: 20 } });

  // Breakpoints belong to the editor, not the workflow file: they survive a reload, and the file has none.
  await editor.goto();
  await editor.openWorkflow('doubling', 4);
  await expect(editor.byTestId(breakpointMarkerId('plusOne'))).toBeVisible();
  const { text } = await api.client.call('workflows.export', { workspace: 'default', id: 'doubling' });
  expect(text).not.toContain('breakpoint');
  expect(editor.errors).toEqual([]);
});

test('Step (button or F10) runs one node at a time, pausing before the next each time', async ({ editor, api }) => {
  const debug = new Debugger(editor);
  await debug.showRunTab();
  await editor.byTestId(runInputId('n')).fill('4');
  // No breakpoint set: a debug run pauses before the first node.
  await debug.id('debugButton').click();
  const order = ['start', 'double', 'plusOne', 'result'];
  const heldInputs: unknown[] = [];
  for (const [i, nodeId] of order.entries()) {
    heldInputs.push(await debug.expectPausedAt(nodeId, 'stepping'));
    for (const before of order.slice(0, i))
      await expect(editor.nodeStatus(before), `${before} ran before ${nodeId}`).toHaveText('succeeded');
    for (const after of order.slice(i + 1)) await expect(editor.nodeStatus(after), `${after} must wait`).toHaveCount(0);
    await expect(debug.runStatus).toHaveText('running');
    // Every other step with F10, as in browser developer tools.
    if (i % 2 === 0) await debug.id('stepButton').click();
    else await editor.page.keyboard.press('F10');
  }
  await expect(debug.runStatus).toHaveText('succeeded', { timeout: EVENT_WAIT_MS });
  await expect(editor.byTestId(TEST_IDS.runOutputs)).toContainText('"result": 9');
  expect(heldInputs.slice(1)).toEqual([{ in: { n: 4 } }, { in: 8 }, { in: 9 }]);

  const [runId] = await runIds(api, 'doubling');
  const events = await runEvents(api, runId!);
  expect(nodesWith(events, 'node.paused')).toEqual(order);
  expect(nodesWith(events, 'node.override')).toEqual([]);
  expect(editor.errors).toEqual([]);
});

test('a breakpoint set while paused applies to the running debug run, and Cancel ends it', async ({ editor, api }) => {
  const debug = new Debugger(editor);
  await debug.showRunTab();
  await debug.id('debugButton').click();
  await debug.expectPausedAt('start', 'stepping');

  // The breakpoint reaches the live run: Continue stops there, not at the end.
  await debug.selectNode('result');
  await debug.id('breakpointToggle').click();
  await expect(editor.byTestId(breakpointMarkerId('result'))).toBeVisible();
  // Continue from elsewhere (the API) while the Inbox tab shows: the pause brings the Run tab back.
  await editor.byTestId(dockTabId('inbox')).click();
  const [runId] = await runIds(api, 'doubling');
  await api.client.call('runs.resume', { workspace: 'default', runId: runId!, action: 'continue' });
  await expect(editor.byTestId(TEST_IDS.runPanel)).toBeVisible();
  expect(await debug.expectPausedAt('result', 'breakpoint')).toEqual({ in: 3 });

  await debug.id('cancelButton').click();
  await expect(debug.runStatus).toHaveText('cancelled', { timeout: EVENT_WAIT_MS });
  await expect(debug.id('debugBar')).toHaveCount(0);
  await expect(debug.id('cancelButton')).toHaveCount(0);
  expect(nodesWith(await runEvents(api, runId!), 'node.started')).toEqual(['start', 'double', 'plusOne']);
  expect(editor.errors).toEqual([]);
});

test('a debug run paused when the page is reloaded is opened from History and continued from there', async ({ editor, api }) => {
  const debug = new Debugger(editor);
  await debug.showRunTab();
  await debug.id('debugButton').click();
  await debug.expectPausedAt('start', 'stepping');
  const [runId] = await runIds(api, 'doubling');

  await editor.goto();
  await editor.openWorkflow('doubling', 4);
  await expect(debug.id('debugBar')).toHaveCount(0); // this page watches no run yet
  await editor.byTestId(dockTabId('history')).click();
  await editor.byTestId(historyRowId(runId!)).click();
  await debug.showRunTab();
  await debug.expectPausedAt('start', 'stepping');
  await debug.id('continueButton').click();
  await expect(debug.runStatus).toHaveText('succeeded', { timeout: EVENT_WAIT_MS });
  await expect(editor.byTestId(TEST_IDS.runOutputs)).toContainText('"result": 3');
  expect(await waitForRunStatus(api, runId!, ['succeeded'])).toBe('succeeded');
  expect(editor.errors).toEqual([]);
});
