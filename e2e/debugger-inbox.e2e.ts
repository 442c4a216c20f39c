import { DEBUG_IDS, dockTabId, inboxItemId, jsonToggleId, nodeTitleId } from '../src-renderer/test-ids.ts';
import { seedExample } from './fixtures/api.ts';
import { runEvents, waitForRunStatus } from './fixtures/debugger.ts';
import { expect, test } from './fixtures/editor.ts';

// The server's local user, who decides when the editor names nobody (the one-person setup acts as OPERON_USER).
test.use({ serveEnv: { OPERON_USER: 'dana' } });

// resources/examples/approval.operon.json: start -> draft -> approve -> record -> recorded, or (rejected) why-not -> rejected.

test('the inbox lists every run waiting for a person; approve (edited, with a comment) and reject from it', async ({ editor, api }) => {
  await seedExample(api, 'approval');
  const start = async (customer: string, amount: number) => {
    const { runId } = await api.client.call('runs.start', {
      workspace: 'default',
      workflowId: 'refund-approval',
      inputs: { customer, amount },
    });
    await waitForRunStatus(api, runId, ['waiting']);
    return runId;
  };
  const ana = await start('ana', 250);
  const bo = await start('bo', 999);

  await editor.goto();
  await editor.openWorkflow('refund-approval', 7);
  const byId = (id: keyof typeof DEBUG_IDS) => editor.byTestId(DEBUG_IDS[id]);
  // The count is on the tab before the inbox is opened.
  await expect(byId('inboxCount')).toHaveText('2');
  await editor.byTestId(dockTabId('inbox')).click();
  const anaItem = editor.byTestId(inboxItemId(ana, 'approve'));
  const boItem = editor.byTestId(inboxItemId(bo, 'approve'));
  await expect(anaItem).toContainText('Approve refund');
  await expect(anaItem).toContainText('Refund 250 to ana?');
  await expect(anaItem).toContainText('Refund approval'); // the workflow's name
  // The node by the name the canvas gives it (its label, else its type's title), never its id.
  const canvasName = (await editor.byTestId(nodeTitleId('approve')).textContent()) ?? '';
  expect(canvasName).not.toBe('approve');
  await expect(anaItem.locator('.inbox-item-head')).toContainText(` · ${canvasName} · run`);
  await expect(anaItem.getByTestId(DEBUG_IDS.inboxData)).toContainText('"customer": "ana"');
  await expect(boItem).toContainText('Refund 999 to bo?');

  // A run that starts waiting while the inbox is open shows up by itself (runs.changed).
  const cy = await start('cy', 5);
  await expect(editor.byTestId(inboxItemId(cy, 'approve'))).toContainText('Refund 5 to cy?');
  await expect(byId('inboxCount')).toHaveText('3');
  await editor.screenshot('debugger-inbox.png');

  // Approve ana's refund with a smaller amount and a comment.
  await anaItem.getByTestId(DEBUG_IDS.inboxEdit).click();
  await anaItem.getByTestId(jsonToggleId(DEBUG_IDS.inboxValue)).click(); // typed as JSON here; the form is e2e/editor-structured-fields
  const value = anaItem.getByTestId(DEBUG_IDS.inboxValue);
  expect(JSON.parse(await value.inputValue())).toEqual({ action: 'refund', customer: 'ana', amount: 250 });
  await value.fill('{"action": "refund", "customer": "ana", "amount": 100');
  await expect(anaItem.getByTestId(DEBUG_IDS.inboxApprove)).toBeDisabled(); // not JSON yet
  await value.fill('{"action": "refund", "customer": "ana", "amount": 100}');
  await anaItem.getByTestId(DEBUG_IDS.inboxComment).fill('only the broken item');
  await anaItem.getByTestId(DEBUG_IDS.inboxApprove).click();
  await expect(anaItem).toHaveCount(0);
  expect(await waitForRunStatus(api, ana, ['succeeded', 'failed'])).toBe('succeeded');
  const anaEvents = await runEvents(api, ana);
  expect(anaEvents.find((e) => e.type === 'node.decision')).toMatchObject({
    nodeId: 'approve',
    decision: {
      decision: 'approved',
      by: 'dana',
      comment: 'only the broken item',
      value: { action: 'refund', customer: 'ana', amount: 100 },
    },
  });
  expect(anaEvents.find((e) => e.type === 'node.finished' && e.nodeId === 'approve')).toMatchObject({
    outputs: { approved: { amount: 100 } },
  });

  // Reject bo's with a comment: the rejected branch carries it.
  await boItem.getByTestId(DEBUG_IDS.inboxComment).fill('too much');
  await boItem.getByTestId(DEBUG_IDS.inboxReject).click();
  await expect(boItem).toHaveCount(0);
  expect(await waitForRunStatus(api, bo, ['succeeded', 'failed'])).toBe('succeeded');
  const boRun = await api.client.call('runs.get', { workspace: 'default', runId: bo });
  expect(boRun.run.outputs).toEqual({ rejected: { status: 'rejected', by: 'dana', comment: 'too much' } });

  // Approve cy's as proposed.
  await editor.byTestId(inboxItemId(cy, 'approve')).getByTestId(DEBUG_IDS.inboxApprove).click();
  await expect(byId('inboxEmpty')).toBeVisible();
  await expect(byId('inboxCount')).toHaveCount(0);
  expect(await waitForRunStatus(api, cy, ['succeeded', 'failed'])).toBe('succeeded');
  expect((await runEvents(api, cy)).find((e) => e.type === 'node.decision')).toMatchObject({ decision: { decision: 'approved' } });
  expect((await api.client.call('approvals.list', { workspace: 'default' })).approvals).toEqual([]);
  expect(editor.errors).toEqual([]);
});

test('with no workflow open, the start page lists the runs waiting for a person, and approving there finishes the run', async ({
  editor,
  api,
}) => {
  await seedExample(api, 'approval');
  const { runId } = await api.client.call('runs.start', {
    workspace: 'default',
    workflowId: 'refund-approval',
    inputs: { customer: 'dee', amount: 40 },
  });
  await waitForRunStatus(api, runId, ['waiting']);

  await editor.goto();
  const item = editor.byTestId(inboxItemId(runId, 'approve'));
  await expect(item).toContainText('Refund 40 to dee?');
  await item.getByTestId(DEBUG_IDS.inboxApprove).click();
  await expect(item).toHaveCount(0);
  expect(await waitForRunStatus(api, runId, ['succeeded', 'failed'])).toBe('succeeded');
  expect(editor.errors).toEqual([]);
});
