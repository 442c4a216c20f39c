import { layeredWorkflow } from '../bench/editor-workflow.ts';
import { nodeProblemBadgeId, ROOM_IDS } from '../src-renderer/test-ids.ts';
import { expect, test } from './fixtures/editor.ts';

// An opened workflow shows its canvas first and validates a frame later (a 1,000-node workflow's validation takes a
// quarter of a second). Meanwhile the problem count says it is checking: it never says "No problems" before the
// problems are known.

/** Two Transforms of a small layered workflow call a function JSONata does not have (OPR-185 each). */
function workflowWithProblems(): { id: string; text: string; nodes: number; broken: string[] } {
  const base = layeredWorkflow({ nodes: 41, edges: 43 });
  const document = JSON.parse(base.text) as { nodes: { id: string; type: string; config: Record<string, unknown> }[] };
  const broken = document.nodes.filter((node) => node.type === 'core.transform').slice(0, 2);
  for (const node of broken) node.config = { ...node.config, expression: '$nope($)' };
  return { id: base.id, text: JSON.stringify(document), nodes: base.nodes, broken: broken.map((node) => node.id) };
}

/** In the page (the e2e's tsconfig has no DOM types): every text the problem count showed, in order. */
const WATCH_COUNT = String.raw`(() => {
  window.problemCountTexts = [];
  const record = () => {
    const text = document.querySelector('[data-testid="${ROOM_IDS.bottomProblems}"]')?.textContent;
    if (text != null && window.problemCountTexts.at(-1) !== text) window.problemCountTexts.push(text);
  };
  new MutationObserver(record).observe(document.body, { childList: true, subtree: true, characterData: true });
})()`;

test('an opened workflow says it is checking until its problems are known, then counts them', async ({ api, editor }) => {
  const workflow = workflowWithProblems();
  const stored = await api.client.call('workflows.import', { workspace: 'default', text: workflow.text });
  expect(stored.problems.map((problem) => problem.code)).toEqual(['OPR-185', 'OPR-185']);
  await editor.goto();
  await editor.page.evaluate(WATCH_COUNT);
  await editor.openWorkflow(workflow.id, workflow.nodes);
  await expect(editor.byTestId(ROOM_IDS.bottomProblems)).toHaveText('2 problems');
  for (const id of workflow.broken) await expect(editor.byTestId(nodeProblemBadgeId(id))).toBeVisible();
  expect(await editor.page.evaluate<string[]>('window.problemCountTexts')).toEqual(['Checking…', '2 problems']);
});
