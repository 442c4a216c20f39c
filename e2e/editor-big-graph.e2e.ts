import { layeredWorkflow } from '../bench/editor-workflow.ts';
import { nodeSummaryId } from '../src-renderer/test-ids.ts';
import type { E2eApi } from './fixtures/api.ts';
import { expect, test, type Editor } from './fixtures/editor.ts';
import { shootLightAndDark } from './fixtures/screenshots.ts';

// A big workflow (past 200 nodes, where only the nodes in view are rendered) opens zoomed out with compact nodes:
// icon tile, title, status and port names, without what cannot be read at half size (key settings, port types, the
// icon's drawing), and compact from the first render on (not drawn whole to be measured, then compact); zoomed in
// they are whole again. A small workflow keeps whole nodes at any zoom.

const BIG = layeredWorkflow({ nodes: 260, edges: 301 });

/** In the page (the e2e's tsconfig has no DOM types): the most whole (not compact) nodes the canvas ever held at once. */
const WATCH_WHOLE_NODES = String.raw`(() => {
  window.wholeNodesSeen = 0;
  new MutationObserver(() => {
    window.wholeNodesSeen = Math.max(window.wholeNodesSeen, document.querySelectorAll('.operon-node:not(.compact)').length);
  }).observe(document.body, { childList: true, subtree: true, attributes: true, attributeFilter: ['class'] });
})()`;

test('a big workflow opens with compact nodes and shows them whole when zoomed in', async ({ api, editor }) => {
  const stored = await api.client.call('workflows.import', { workspace: 'default', text: BIG.text });
  expect(stored.problems).toEqual([]);
  await editor.goto();
  const item = editor.workflowListItem(BIG.id);
  const page = editor.page;
  // While it opens (React Flow renders every node to measure it, then fits), no node is ever drawn whole.
  await page.evaluate(WATCH_WHOLE_NODES);
  await item.click();
  const compact = page.locator('.operon-node.compact');
  await expect(compact.first()).toBeVisible();
  await expect.poll(() => editor.zoom()).toBeCloseTo(0.6, 5); // a big graph fits no further out than 0.6
  expect(await page.evaluate<number>('window.wholeNodesSeen')).toBe(0);
  // Every node in the DOM is compact: no key settings, port types or drawn icons.
  const shown = await editor.canvasNodes.count();
  expect(shown).toBeGreaterThan(0);
  expect(shown).toBeLessThan(BIG.nodes);
  await expect(compact).toHaveCount(shown);
  await expect(page.locator('.operon-node .operon-node-summary')).toHaveCount(0);
  await expect(page.locator('.operon-node .port-type')).toHaveCount(0);
  await expect(page.locator('.operon-node .node-icon-tile svg')).toHaveCount(0);
  await expect(page.locator('.operon-node .port-name').first()).toBeVisible();
  // Nor the dotted grid, which panning would repaint across the whole pane on every frame (canvas-background.tsx).
  await expect(page.locator('.react-flow__background')).toHaveCount(0);
  await shootLightAndDark(page, 'big-graph-compact');

  // Zoomed in past the line, the same nodes are whole again.
  const zoomIn = page.locator('.react-flow__controls-zoomin');
  while ((await editor.zoom()) < 0.65) await zoomIn.click(); // COMPACT_BELOW_ZOOM
  await expect(compact).toHaveCount(0);
  await expect(page.locator('.react-flow__background')).toHaveCount(1);
  await expect(page.locator('.operon-node .node-icon-tile svg').first()).toBeVisible();
  await expect(page.locator('.operon-node .port-type').first()).toBeVisible();
  const first = await editor.canvasNodes.first().getAttribute('data-id');
  if (first === null) throw new Error('a canvas node without data-id');
  await expect(editor.byTestId(nodeSummaryId(first))).toBeVisible();
});

const SMALL = layeredWorkflow({ nodes: 41, edges: 43 });

/** Imports the small workflow and opens it on the canvas. */
async function openSmall(api: E2eApi, editor: Editor): Promise<void> {
  await api.client.call('workflows.import', { workspace: 'default', text: SMALL.text });
  await editor.goto();
  await editor.openWorkflow(SMALL.id, SMALL.nodes);
}

test('a small workflow keeps whole nodes when zoomed out', async ({ api, editor }) => {
  await openSmall(api, editor);
  const zoomOut = editor.page.locator('.react-flow__controls-zoomout');
  while ((await editor.zoom()) > 0.3) await zoomOut.click();
  await expect(editor.page.locator('.operon-node.compact')).toHaveCount(0);
  await expect(editor.page.locator('.operon-node .node-icon-tile svg')).toHaveCount(SMALL.nodes);
  await expect(editor.page.locator('.react-flow__background')).toHaveCount(1);
});

test("a port's handle sits centred on the node's edge, level with the port's name", async ({ api, editor }) => {
  await openSmall(api, editor);
  // Handles are placed by margins rather than React Flow's translate(±50%, -50%) (canvas.css): the same place.
  for (const side of ['in', 'out'] as const) {
    const row = editor.page.locator(`.operon-node .port-row.${side}`).first();
    const rowBox = await row.boundingBox();
    const handleBox = await row.locator('.react-flow__handle').boundingBox();
    if (rowBox === null || handleBox === null) throw new Error(`no ${side} port row or handle on the canvas`);
    const edgeX = side === 'in' ? rowBox.x : rowBox.x + rowBox.width;
    expect(Math.abs(handleBox.x + handleBox.width / 2 - edgeX)).toBeLessThan(1);
    expect(Math.abs(handleBox.y + handleBox.height / 2 - (rowBox.y + rowBox.height / 2))).toBeLessThan(1);
  }
});
