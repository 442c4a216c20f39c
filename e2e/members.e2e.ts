import { ACCESS_IDS, TEST_IDS } from '../src-renderer/test-ids.ts';
import { addUserWithToken, urlWithToken } from './fixtures/access.ts';
import { connectApi, seedWorkflow } from './fixtures/api.ts';
import { expect, test } from './fixtures/editor.ts';
import { shootLightAndDark } from './fixtures/screenshots.ts';

// Issue 14 in the editor: who is signed in, the owner's Members panel (a member added, a token shown once, a secret
// whose value never shows again) and Audit panel; a viewer sees no edit or run controls, and the server refuses a
// save the viewer forces over its own socket.

const SECRET_VALUE = 'sk-e2e-Never-Shown-Again-424242';

test('an owner adds a member, makes a token shown once, stores a secret never shown again, and sees it all audited', async ({
  page,
  served,
}) => {
  const token = await addUserWithToken(served, 'ada', 'owner');
  await page.goto(urlWithToken(served, token));
  const chip = page.getByTestId(ACCESS_IDS.accountChip);
  await expect(chip).toHaveAttribute('data-user', 'ada');
  await expect(chip).toHaveAttribute('data-role', 'owner');
  await expect(chip).toContainText('owner');

  await chip.click();
  await page.getByTestId(ACCESS_IDS.openMembers).click();
  const dialog = page.getByTestId(ACCESS_IDS.membersDialog);
  await expect(dialog.getByTestId(ACCESS_IDS.memberRow)).toHaveCount(1);
  await expect(dialog).toContainText('1 member');

  await page.getByTestId(ACCESS_IDS.addMemberName).fill('bob');
  await page.getByTestId(ACCESS_IDS.addMemberRole).selectOption('editor');
  await page.getByTestId(ACCESS_IDS.addMember).click();
  const bob = dialog.locator(`[data-testid="${ACCESS_IDS.memberRow}"][data-user="bob"]`);
  await expect(bob.getByTestId(ACCESS_IDS.memberRole)).toHaveValue('editor');
  await expect(dialog).toContainText('2 members');

  await page.getByTestId(ACCESS_IDS.tokenUser).selectOption('bob');
  await page.getByTestId(ACCESS_IDS.tokenLabel).fill('laptop');
  await page.getByTestId(ACCESS_IDS.tokenCreate).click();
  const shown = page.getByTestId(ACCESS_IDS.newTokenText);
  await expect(shown).toHaveText(/^opr_[0-9a-f]{12}_\S{43}$/);
  await expect(dialog).toContainText('shown this once');
  const bobToken = (await shown.textContent()) ?? '';
  // The token works: it connects as bob, an editor.
  const asBob = connectApi({ port: served.port, token: bobToken });
  try {
    expect(await asBob.client.call('session.whoami', { workspace: 'default' })).toMatchObject({ user: 'bob', role: 'editor' });
  } finally {
    asBob.close();
  }

  await page.getByTestId(ACCESS_IDS.secretName).fill('crm_key');
  await expect(page.getByTestId(ACCESS_IDS.secretName)).toHaveValue('CRM_KEY');
  await expect(page.getByTestId(ACCESS_IDS.secretValue)).toHaveAttribute('type', 'password');
  await page.getByTestId(ACCESS_IDS.secretValue).fill(SECRET_VALUE);
  await page.getByTestId(ACCESS_IDS.secretSave).click();
  await expect(dialog.locator(`[data-testid="${ACCESS_IDS.secretRow}"][data-name="CRM_KEY"]`)).toBeVisible();
  await expect(page.getByTestId(ACCESS_IDS.secretValue)).toHaveValue('');
  await shootLightAndDark(page, 'members-panel');
  await page.getByTestId(ACCESS_IDS.newTokenDone).click();
  await expect(shown).toHaveCount(0);
  expect(await page.content()).not.toContain(SECRET_VALUE);
  expect(await page.content()).not.toContain(bobToken);

  await dialog.getByRole('button', { name: 'Close' }).click();
  await chip.click();
  await page.getByTestId(ACCESS_IDS.openAudit).click();
  const rows = page.getByTestId(ACCESS_IDS.auditRow);
  // Newest first: the secret, bob's token, bob added (by ada), then ada added and her token (by the CLI's user).
  await expect(rows).toHaveCount(5);
  await expect(rows.nth(0)).toHaveAttribute('data-action', 'secret.created');
  await expect(rows.nth(0)).toContainText('ada');
  await expect(rows.nth(0)).toContainText('Secret stored');
  await expect(rows.nth(1)).toContainText("bob's token");
  await expect(rows.nth(2)).toContainText('added as editor');
  await expect(rows.nth(4)).toContainText('e2e-admin');
  await page.getByTestId(ACCESS_IDS.auditAction).selectOption('member.changed');
  await expect(rows).toHaveCount(2);
  await page.getByTestId(ACCESS_IDS.auditAction).selectOption('');
  await expect(rows).toHaveCount(5);
  await page.getByTestId(ACCESS_IDS.auditVerify).click();
  await expect(page.getByTestId(ACCESS_IDS.auditVerdict)).toHaveAttribute('data-ok', 'true');
  await expect(page.getByTestId(ACCESS_IDS.auditVerdict)).toContainText('5 entries');
  const download = page.waitForEvent('download');
  await page.getByTestId(ACCESS_IDS.auditExportCsv).click();
  expect((await download).suggestedFilename()).toBe('audit-default.csv');
  await shootLightAndDark(page, 'audit-panel');
  expect(await page.content()).not.toContain(SECRET_VALUE);
});

test('a viewer sees no edit or run controls, no Members, and a save forced over its socket is refused', async ({ page, served, api }) => {
  await seedWorkflow(api, {
    id: 'hello',
    name: 'Hello',
    nodes: [{ id: 'note', type: 'core.transform', config: { expression: '1' } }],
    edges: [],
  });
  const token = await addUserWithToken(served, 'vic', 'viewer');
  await page.goto(urlWithToken(served, token));
  const chip = page.getByTestId(ACCESS_IDS.accountChip);
  await expect(chip).toHaveAttribute('data-role', 'viewer');
  await page.getByTestId(`workflow-list-item-hello`).click();
  await expect(page.locator('.react-flow__node')).toHaveCount(1);

  await expect(page.getByTestId(TEST_IDS.newWorkflow)).toHaveCount(0);
  await expect(page.getByTestId(TEST_IDS.importInput)).toHaveCount(0);
  await expect(page.getByTestId(TEST_IDS.saveButton)).toHaveCount(0);
  await expect(page.getByTestId(TEST_IDS.runButton)).toHaveCount(0);
  await expect(page.getByTestId(TEST_IDS.paletteSearch)).toHaveCount(0);
  await expect(page.getByTestId(TEST_IDS.workflowName)).toHaveAttribute('readonly', '');
  await expect(page.locator('.react-flow__node').first()).not.toHaveClass(/draggable/);
  await expect(page.getByText('Read only: changing settings needs an editor or owner role.')).toBeVisible();
  await expect(page.locator('.read-only-fields input').first()).toBeDisabled();
  await chip.click();
  await expect(page.getByTestId(ACCESS_IDS.accountMenu)).toContainText('for the workspace');
  await expect(page.getByTestId(ACCESS_IDS.openMembers)).toHaveCount(0);
  await shootLightAndDark(page, 'viewer-editor');

  const asVic = connectApi({ port: served.port, token });
  try {
    await expect(
      asVic.client.call('workflows.save', {
        workspace: 'default',
        workflow: { schemaVersion: 1, id: 'hello', name: 'Changed', nodes: [], edges: [] },
      }),
    ).rejects.toMatchObject({ code: 'OPR-256', message: expect.stringContaining('vic is a viewer') });
    await expect(asVic.client.call('secrets.list', { workspace: 'default' })).rejects.toMatchObject({ code: 'OPR-256' });
  } finally {
    asVic.close();
  }
  expect((await api.client.call('workflows.open', { workspace: 'default', id: 'hello' })).workflow.name).toBe('Hello');
});
