import { nodeProblemBadgeId, nodeProblemTipId, ROOM_IDS, TEST_IDS } from '../src-renderer/test-ids.ts';
import { seedExample } from './fixtures/api.ts';
import { expect, test } from './fixtures/editor.ts';

test.beforeEach(async ({ editor, api }) => {
  await seedExample(api, 'diamond');
  await editor.goto();
  await editor.openWorkflow('diamond', 7);
});

test('an edge drawn again where it already is, is refused with the reason in a toast', async ({ editor }) => {
  await expect(editor.edges).toHaveCount(8);
  // report.in already has this very edge from join (another source would replace it: editor-canvas-ergonomics.e2e.ts).
  await editor.connect({ node: 'join', port: 'out' }, { node: 'report', port: 'in' });
  await expect(editor.byTestId(TEST_IDS.toast)).toContainText('that edge is already there');
  await expect(editor.edges).toHaveCount(8);
});

test('a connection that closes a cycle is refused and names the cycle', async ({ editor }) => {
  // Free sum.in (delete start -> sum), then report.out -> sum.in would close sum -> join -> report -> sum.
  await editor.page.locator('.react-flow__edge[data-id="e1"]').click({ force: true });
  await editor.page.keyboard.press('Delete');
  await expect(editor.edges).toHaveCount(7);
  await editor.connect({ node: 'report', port: 'out' }, { node: 'sum', port: 'in' });
  await expect(editor.byTestId(TEST_IDS.toast)).toContainText('would make a cycle');
  await expect(editor.edges).toHaveCount(7);
});

test('a bad expression is listed in the problems, and clicking the problem selects its node', async ({ editor }) => {
  await editor.node('sum').click();
  await editor.inspectorField('expression').fill('$sum(numbers');
  // The problem names its node by label: "sum" is the first unlabelled Transform.
  const problem = editor.byTestId(TEST_IDS.problemItem).filter({ has: editor.page.locator('.problem-where', { hasText: /^Transform$/ }) });
  // The bottom dock starts collapsed to its strip, which counts the problems; the count opens it.
  await expect(editor.byTestId(ROOM_IDS.bottomProblems)).toHaveText('1 problem');
  await editor.byTestId(ROOM_IDS.bottomProblems).click();
  await expect(editor.byTestId(TEST_IDS.problemsList)).toBeVisible();
  await expect(problem).toHaveCount(1);
  await expect(problem).toContainText('OPR-011');

  // On the node: a badge counts its problems; hovering it shows them, naming the field.
  const badge = editor.byTestId(nodeProblemBadgeId('sum'));
  const tip = editor.byTestId(nodeProblemTipId('sum'));
  await expect(badge).toHaveAccessibleName('1 problem');
  await expect(tip).toBeHidden();
  await badge.hover();
  await expect(tip).toBeVisible();
  await expect(tip).toContainText(/^1 problemExpression: \S/);
  await expect(badge).toHaveAccessibleDescription(/^1 problem Expression: \S/);
  await expect(editor.byTestId(nodeProblemBadgeId('max'))).toHaveCount(0);
  await editor.screenshot('editor-problem-tooltip-light.png');
  await editor.byTestId(TEST_IDS.themeToggle).click();
  await badge.hover();
  await expect(tip).toBeVisible();
  await editor.screenshot('editor-problem-tooltip-dark.png');
  await editor.byTestId(TEST_IDS.themeToggle).click();

  await editor.node('max').click();
  await expect(editor.node('sum')).not.toHaveClass(/\bselected\b/);
  await problem.click();
  await expect(editor.node('sum')).toHaveClass(/\bselected\b/);
  await expect(editor.node('max')).not.toHaveClass(/\bselected\b/);
  await editor.screenshot('editor-problem.png');
});

test('an output left without its required edge is a problem until the edge is back', async ({ editor }) => {
  // A click event on the edge itself: the short edge's middle lies under the "+" of its source's output.
  await editor.page.locator('.react-flow__edge[data-id="e8"]').dispatchEvent('click');
  await editor.page.keyboard.press('Delete');
  await expect(editor.edges).toHaveCount(7);
  const problem = editor.byTestId(TEST_IDS.problemItem).filter({ has: editor.page.locator('.problem-where', { hasText: /^Output$/ }) });
  await expect(editor.byTestId(ROOM_IDS.bottomProblems)).toHaveText('1 problem');
  await editor.byTestId(ROOM_IDS.bottomProblems).click();
  await expect(problem).toHaveCount(1);
  // The node's badge takes keyboard focus, and its tooltip names the node by label.
  const tip = editor.byTestId(nodeProblemTipId('result'));
  await editor.byTestId(nodeProblemBadgeId('result')).focus();
  await expect(tip).toBeVisible();
  await expect(tip).toContainText('required input "in" of node "Output" has no edge');
  await editor.byTestId(nodeProblemBadgeId('result')).blur();
  await expect(tip).toBeHidden();
  await editor.connect({ node: 'report', port: 'out' }, { node: 'result', port: 'in' });
  await expect(editor.edges).toHaveCount(8);
  await expect(editor.byTestId(TEST_IDS.problemItem)).toHaveCount(0);
  await expect(editor.byTestId(nodeProblemBadgeId('result'))).toHaveCount(0);
});
