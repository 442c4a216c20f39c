// Issue 12, item 7: canvas ergonomics as n8n and Langflow users expect them. Each test seeds its workflow through
// the API and drives the canvas with the mouse and keyboard only.
import type { Locator, Page } from '@playwright/test';
import {
  CANVAS_IDS,
  menuItemId,
  nodePickerItemId,
  portPlusId,
  stickyNoteColourId,
  stickyNoteId,
  stickyNoteTextId,
  TEST_IDS,
} from '../src-renderer/test-ids.ts';
import { seedWorkflow, type E2eApi } from './fixtures/api.ts';
import { expect, test, type Editor } from './fixtures/editor.ts';
import { EVENT_WAIT_MS } from '../src-main/services/testing/waiting.ts';
import { holdPageTimers, installPageClock } from './fixtures/page-clock.ts';

// Many drags, a run and screenshots each: on a shared, busy machine these take longer than the default minute.

async function centre(locator: Locator): Promise<{ x: number; y: number }> {
  await expect(locator).toBeVisible();
  const box = await locator.boundingBox();
  if (box === null) throw new Error(`${locator.toString()} has no box`);
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/** A point of the pane, relative to its top-left corner, in window pixels. */
async function panePoint(page: Page, x: number, y: number): Promise<{ x: number; y: number }> {
  const pane = await page.locator('.react-flow__pane').boundingBox();
  if (pane === null) throw new Error('no canvas pane');
  return { x: pane.x + x, y: pane.y + y };
}

/** The edges the server has for `id`, as `source.port->target.port`, after saving. */
async function savedEdges(editor: Editor, api: E2eApi, id: string): Promise<string[]> {
  await editor.byTestId(TEST_IDS.saveButton).click();
  await expect(editor.byTestId(TEST_IDS.dirtyMarker)).toBeHidden();
  const stored = await api.client.call('workflows.open', { workspace: 'default', id });
  return stored.workflow.edges.map((edge) => `${edge.source}.${edge.sourcePort}->${edge.target}.${edge.targetPort}`).sort();
}

async function openLine(editor: Editor, api: E2eApi, id = 'line'): Promise<void> {
  await seedWorkflow(api, {
    id,
    name: 'Line',
    nodes: [
      { id: 'start', type: 'core.manual-trigger', position: { x: 0, y: 100 } },
      { id: 'shape', type: 'core.transform', config: { expression: '{ "n": 1 }' }, position: { x: 320, y: 100 } },
    ],
    edges: [['start', 'shape']],
  });
  await editor.goto();
  await editor.openWorkflow(id, 2);
}

/** Screenshots `<name>-light.png` and `-dark.png` of what `open` shows (a click on the theme toggle closes it first). */
async function bothThemes(editor: Editor, name: string, open: () => Promise<void>): Promise<void> {
  for (const theme of ['light', 'dark'] as const) {
    await editor.page.keyboard.press('Escape');
    if ((await editor.page.locator('html').getAttribute('data-theme')) !== theme) await editor.byTestId(TEST_IDS.themeToggle).click();
    await expect(editor.page.locator('html')).toHaveAttribute('data-theme', theme);
    await open();
    await editor.screenshot(`${name}-${theme}.png`);
  }
  await editor.page.keyboard.press('Escape');
  await editor.byTestId(TEST_IDS.themeToggle).click();
  await expect(editor.page.locator('html')).toHaveAttribute('data-theme', 'light');
}

test('a wire dropped on the empty canvas opens a picker of the types that fit; picking one adds it there, connected', async ({
  editor,
  api,
}) => {
  await openLine(editor, api);
  const { page } = editor;
  const from = await centre(editor.handle('shape', 'out', 'source'));
  const drop = await panePoint(page, from.x - (await panePoint(page, 0, 0)).x + 220, 340);
  await editor.dragBetween(from, drop);

  const picker = editor.byTestId(CANVAS_IDS.nodePicker);
  await expect(picker).toBeVisible();
  await expect(editor.byTestId(CANVAS_IDS.nodePickerSearch)).toBeFocused();
  await expect(picker).toContainText('after Transform · out');
  // A trigger takes no input; everything listed can take the wire.
  await expect(editor.byTestId(nodePickerItemId('core.manual-trigger'))).toHaveCount(0);
  await expect(editor.byTestId(nodePickerItemId('core.output'))).toBeVisible();
  await editor.screenshot('canvas-picker-light.png');

  // Keyboard: search, move down, back up, Enter adds the highlighted type.
  await page.keyboard.type('output');
  await expect(picker.locator('[role="option"]').first()).toHaveAttribute('data-testid', nodePickerItemId('core.output'));
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('Enter');
  await expect(picker).toBeHidden();
  await expect(editor.canvasNodes).toHaveCount(3);
  await expect(editor.edges).toHaveCount(2);
  const added = (await editor.nodeIds()).find((id) => id.startsWith('output-')) ?? '';
  // Placed where the wire was dropped.
  const box = await editor.node(added).boundingBox();
  expect(Math.abs((box?.x ?? 0) - drop.x)).toBeLessThan(40);
  expect(await savedEdges(editor, api, 'line')).toEqual([`shape.out->${added}.in`, 'start.out->shape.in']);

  // One undo step takes the node and its edge away.
  await page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
  await editor.byTestId(TEST_IDS.undoButton).click();
  await expect(editor.canvasNodes).toHaveCount(2);
  await expect(editor.edges).toHaveCount(1);

  // A wire drawn back from an input offers types with an output that fits; Escape closes without adding. (Dark theme.)
  await editor.byTestId(TEST_IDS.themeToggle).click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  const input = await centre(editor.handle('shape', 'in', 'target'));
  await editor.dragBetween(input, { x: input.x - 100, y: input.y + 160 });
  await expect(picker).toContainText('before Transform · in');
  await expect(editor.byTestId(nodePickerItemId('core.output'))).toHaveCount(0);
  await expect(editor.byTestId(nodePickerItemId('core.manual-trigger'))).toBeVisible();
  await editor.screenshot('canvas-picker-dark.png');
  await page.keyboard.press('Escape');
  await expect(picker).toBeHidden();
  await expect(editor.canvasNodes).toHaveCount(2);
  expect(editor.errors).toEqual([]);
});

test('"+" on an output opens the picker and inserts a connected node to the right, clear of others', async ({ editor, api }) => {
  await openLine(editor, api);
  await editor.node('start').hover();
  await editor.byTestId(portPlusId('start', 'out')).click();
  await expect(editor.byTestId(CANVAS_IDS.nodePicker)).toContainText('after Manual trigger · out');
  await editor.byTestId(nodePickerItemId('core.delay')).click();
  await expect(editor.canvasNodes).toHaveCount(3);
  const delay = (await editor.nodeIds()).find((id) => id.startsWith('delay-')) ?? '';
  const start = await editor.boxInPane('start');
  const shape = await editor.boxInPane('shape');
  const added = await editor.boxInPane(delay);
  expect(added.left).toBeGreaterThan(start.right);
  // The spot right of the trigger was taken by Transform: the new node went below it, not on top of it.
  expect(added.top >= shape.bottom || added.bottom <= shape.top || added.left >= shape.right).toBe(true);
  // start.out had an edge already: outputs fan out, so both stay.
  expect(await savedEdges(editor, api, 'line')).toEqual([`start.out->${delay}.in`, 'start.out->shape.in']);
  expect(editor.errors).toEqual([]);
});

test('a palette click inserts after the selected node, spaced and wired; with nothing selected, at a free spot in view', async ({
  editor,
  api,
}) => {
  await openLine(editor, api);
  await editor.node('shape').click();
  await editor.paletteItem('core.output').click();
  await expect(editor.canvasNodes).toHaveCount(3);
  const output = (await editor.nodeIds()).find((id) => id.startsWith('output-')) ?? '';
  const shape = await editor.boxInPane('shape');
  const added = await editor.boxInPane(output);
  expect(added.left - shape.right).toBeGreaterThan(40);
  expect(Math.abs(added.top - shape.top)).toBeLessThan(20);
  expect(await savedEdges(editor, api, 'line')).toEqual([`shape.out->${output}.in`, 'start.out->shape.in']);

  await editor.page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
  await editor.paletteItem('core.delay').click();
  await expect(editor.canvasNodes).toHaveCount(4);
  const delay = (await editor.nodeIds()).find((id) => id.startsWith('delay-')) ?? '';
  await expect(editor.node(delay)).toBeInViewport();
  expect(await savedEdges(editor, api, 'line')).toHaveLength(2);
  expect(editor.errors).toEqual([]);
});

test('right-click menus on a node, an edge and the canvas do their actions, by mouse and keyboard', async ({ editor, api }) => {
  await seedWorkflow(api, {
    id: 'menus',
    name: 'Menus',
    nodes: [
      { id: 'start', type: 'core.manual-trigger', position: { x: 0, y: 100 } },
      { id: 'shape', type: 'core.transform', config: { expression: '{ "n": 41 + 1 }' }, position: { x: 320, y: 100 } },
      { id: 'done', type: 'core.output', position: { x: 640, y: 100 } },
    ],
    edges: [
      ['start', 'shape'],
      ['shape', 'done'],
    ],
  });
  await editor.goto();
  await editor.openWorkflow('menus', 3);
  const { page } = editor;
  const menu = editor.byTestId(CANVAS_IDS.contextMenu);

  // Keyboard: the first item has focus, arrows move, Escape closes.
  await editor.node('shape').click({ button: 'right' });
  await expect(menu).toBeVisible();
  await expect(editor.byTestId(menuItemId('rename'))).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(editor.byTestId(menuItemId('duplicate'))).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  await expect(editor.byTestId(menuItemId('delete'))).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(menu).toBeHidden();
  await bothThemes(editor, 'canvas-node-menu', async () => {
    await editor.node('shape').click({ button: 'right' });
    await expect(menu).toBeVisible();
  });
  await expect(editor.canvasNodes).toHaveCount(3);

  // Rename (Enter on the focused item).
  await editor.node('shape').click({ button: 'right' });
  await page.keyboard.press('Enter');
  await editor.byTestId(CANVAS_IDS.renameInput).fill('Shape the answer');
  await editor.byTestId(CANVAS_IDS.renameConfirm).click();
  await expect(editor.node('shape')).toContainText('Shape the answer');

  // Disable, then enable.
  await editor.node('shape').click({ button: 'right' });
  await editor.byTestId(menuItemId('disable')).click();
  await expect(editor.node('shape').locator('.operon-node')).toHaveClass(/disabled/);
  await editor.node('shape').click({ button: 'right' });
  await expect(editor.byTestId(menuItemId('disable'))).toHaveText('Enable');
  await editor.byTestId(menuItemId('disable')).click();
  await expect(editor.node('shape').locator('.operon-node')).not.toHaveClass(/disabled/);

  // Breakpoint.
  await editor.node('shape').click({ button: 'right' });
  await editor.byTestId(menuItemId('breakpoint')).click();
  await expect(editor.byTestId('breakpoint-shape')).toBeVisible();

  // Pin output needs a run's outputs: refused before one, done after.
  await editor.node('shape').click({ button: 'right' });
  await expect(editor.byTestId(menuItemId('pin'))).toHaveAttribute('aria-disabled', 'true');
  await page.keyboard.press('Escape');
  await editor.byTestId(TEST_IDS.runButton).click();
  await expect(editor.byTestId(TEST_IDS.runStatus)).toHaveText('succeeded', { timeout: EVENT_WAIT_MS });
  await editor.node('shape').click({ button: 'right' });
  await editor.byTestId(menuItemId('pin')).click();
  await expect(editor.byTestId('pin-shape')).toBeVisible();

  // Run from here starts a partial run.
  await editor.node('done').click({ button: 'right' });
  await editor.byTestId(menuItemId('run-from-here')).click();
  await expect(editor.byTestId('partial-run')).toBeVisible({ timeout: EVENT_WAIT_MS });
  await expect(editor.byTestId(TEST_IDS.runStatus)).toHaveText('succeeded', { timeout: EVENT_WAIT_MS });

  // Duplicate, then delete the copy.
  await editor.node('done').click({ button: 'right' });
  await editor.byTestId(menuItemId('duplicate')).click();
  await expect(editor.canvasNodes).toHaveCount(4);
  const copy = (await editor.nodeIds()).find((id) => !['start', 'shape', 'done'].includes(id)) ?? '';
  await editor.node(copy).click({ button: 'right' });
  await editor.byTestId(menuItemId('delete')).click();
  await expect(editor.canvasNodes).toHaveCount(3);

  // An edge's menu deletes it.
  const edge = page.locator('.react-flow__edge').first();
  const path = edge.locator('.react-flow__edge-interaction');
  const box = await path.boundingBox();
  if (box === null) throw new Error('no edge path');
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2, { button: 'right' });
  await editor.byTestId(menuItemId('delete')).click();
  await expect(editor.edges).toHaveCount(1);

  // The canvas's menu: add node opens the picker there (every type), fit view.
  const spot = await panePoint(page, 300, 380);
  await page.mouse.click(spot.x, spot.y, { button: 'right' });
  await expect(editor.byTestId(menuItemId('fit-view'))).toBeVisible();
  await editor.byTestId(menuItemId('add-node')).click();
  await expect(editor.byTestId(nodePickerItemId('core.manual-trigger'))).toBeVisible();
  await editor.byTestId(CANVAS_IDS.nodePickerSearch).fill('delay');
  await page.keyboard.press('Enter');
  await expect(editor.canvasNodes).toHaveCount(4);
  expect(editor.errors).toEqual([]);
});

test('while a wire is drawn, the handles it fits are highlighted and the others dimmed', async ({ editor, api }) => {
  await seedWorkflow(api, {
    id: 'fits',
    name: 'Fits',
    nodes: [
      { id: 'start', type: 'core.manual-trigger', position: { x: 0, y: 100 } },
      { id: 'shape', type: 'core.transform', position: { x: 320, y: 0 } },
      { id: 'each', type: 'core.map', position: { x: 640, y: 100 } },
    ],
    edges: [['shape', 'each', 'out', 'items']],
  });
  await editor.goto();
  await editor.openWorkflow('fits', 3);
  const { page } = editor;
  const from = await centre(editor.handle('start', 'out', 'source'));
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(from.x + 60, from.y + 10, { steps: 5 });
  // An object fits Transform's "any" input, not Map's "array" items; outputs never take a wire from an output.
  await expect(editor.handle('shape', 'in', 'target')).toHaveClass(/wire-fits/);
  await expect(editor.handle('each', 'items', 'target')).toHaveClass(/wire-misfit/);
  await expect(editor.handle('shape', 'out', 'source')).toHaveClass(/wire-misfit/);
  await expect(editor.handle('start', 'out', 'source')).not.toHaveClass(/wire-/);
  await page.mouse.up();
  await page.keyboard.press('Escape');
  await expect(editor.handle('shape', 'in', 'target')).not.toHaveClass(/wire-/);
  expect(editor.errors).toEqual([]);
});

test('a new edge onto an occupied input replaces the old one, and one undo brings the old one back', async ({ editor, api }) => {
  await seedWorkflow(api, {
    id: 'replace',
    name: 'Replace',
    nodes: [
      { id: 'a', type: 'core.manual-trigger', position: { x: 0, y: 0 } },
      { id: 'b', type: 'core.transform', position: { x: 0, y: 200 } },
      { id: 'sink', type: 'core.output', position: { x: 360, y: 100 } },
    ],
    edges: [['a', 'sink']],
  });
  // The dirty marker shows until the autosave fires on the page's clock: held still, so a slow machine cannot save first.
  await installPageClock(editor.page);
  await editor.goto();
  await editor.openWorkflow('replace', 3);
  await holdPageTimers(editor.page);
  await editor.connect({ node: 'b', port: 'out' }, { node: 'sink', port: 'in' });
  await expect(editor.byTestId(TEST_IDS.dirtyMarker)).toBeVisible();
  expect(await savedEdges(editor, api, 'replace')).toEqual(['b.out->sink.in']);
  await editor.byTestId(TEST_IDS.undoButton).click();
  expect(await savedEdges(editor, api, 'replace')).toEqual(['a.out->sink.in']);
  await expect(editor.byTestId(TEST_IDS.undoButton)).toBeDisabled();
  expect(editor.errors).toEqual([]);
});

test('fit view never zooms past 100 % and keeps the nodes clear of the MiniMap', async ({ editor, api }) => {
  await seedWorkflow(api, {
    id: 'wide',
    name: 'Wide',
    nodes: [
      { id: 'start', type: 'core.manual-trigger', position: { x: 0, y: 0 } },
      { id: 'one', type: 'core.transform', position: { x: 300, y: 150 } },
      { id: 'two', type: 'core.transform', position: { x: 600, y: 300 } },
      { id: 'end', type: 'core.output', position: { x: 900, y: 450 } },
    ],
    edges: [
      ['start', 'one'],
      ['one', 'two'],
      ['two', 'end'],
    ],
  });
  await editor.goto();
  await editor.openWorkflow('wide', 4);
  const { page } = editor;
  await page.locator('.react-flow__controls-zoomin').click();
  await page.locator('.react-flow__controls-zoomin').click();
  await page.locator('.react-flow__controls-fitview').click();
  await expect.poll(() => editor.zoom()).toBeLessThanOrEqual(1);
  const minimap = await page.locator('.react-flow__minimap').boundingBox();
  if (minimap === null) throw new Error('no minimap');
  for (const id of ['start', 'one', 'two', 'end']) {
    const box = await editor.node(id).boundingBox();
    if (box === null) throw new Error(`no box for ${id}`);
    const overlaps =
      box.x < minimap.x + minimap.width &&
      box.x + box.width > minimap.x &&
      box.y < minimap.y + minimap.height &&
      box.y + box.height > minimap.y;
    expect(overlaps, `${id} is under the MiniMap`).toBe(false);
    await expect(editor.node(id)).toBeInViewport();
  }

  // One node alone: fit view shows it at 100 %, not blown up.
  await editor.byTestId(TEST_IDS.newWorkflow).click();
  await expect(editor.canvasNodes).toHaveCount(1);
  await page.locator('.react-flow__controls-fitview').click();
  await expect.poll(() => editor.zoom()).toBe(1);
  expect(editor.errors).toEqual([]);
});

test('sticky notes: added from the canvas menu, typed in, coloured, resized, saved in the file, undoable', async ({ editor, api }) => {
  await openLine(editor, api, 'notes');
  const { page } = editor;
  const spot = await panePoint(page, 60, 24);
  await page.mouse.click(spot.x, spot.y, { button: 'right' });
  await editor.byTestId(menuItemId('add-sticky')).click();
  const note = editor.byTestId(stickyNoteId('note-1'));
  await expect(note).toBeVisible();
  await editor.byTestId(stickyNoteTextId('note-1')).fill('Ask legal before the HTTP call goes live.');
  await note.locator('.sticky-bar').click();
  await editor.byTestId(stickyNoteColourId('note-1', 'blue')).click();
  await expect(note).toHaveClass(/sticky-blue/);

  // Resize from the corner.
  const before = await note.boundingBox();
  const corner = await centre(page.locator('.react-flow__node-sticky .react-flow__resize-control'));
  await editor.dragBetween(corner, { x: corner.x + 120, y: corner.y + 30 });
  await expect.poll(async () => (await note.boundingBox())?.width ?? 0).toBeGreaterThan((before?.width ?? 0) + 80);

  await editor.byTestId(TEST_IDS.saveButton).click();
  await expect(editor.byTestId(TEST_IDS.dirtyMarker)).toBeHidden();
  const stored = await api.client.call('workflows.open', { workspace: 'default', id: 'notes' });
  const saved = stored.workflow.stickyNotes?.[0];
  expect(saved).toMatchObject({ id: 'note-1', text: 'Ask legal before the HTTP call goes live.', colour: 'blue' });
  expect(saved?.size.width).toBeGreaterThan(300);
  expect(stored.problems).toEqual([]);
  await bothThemes(editor, 'canvas-sticky-note', async () => {
    await note.locator('.sticky-bar').click();
    await expect(editor.byTestId(stickyNoteColourId('note-1', 'blue'))).toBeVisible();
  });

  // It comes back after a reload; undo steps back through the resize, the colour, the text and the note itself.
  await page.reload();
  await editor.openWorkflow('notes', 3);
  await expect(editor.byTestId(stickyNoteTextId('note-1'))).toHaveValue('Ask legal before the HTTP call goes live.');
  const elsewhere = await panePoint(page, 560, 24);
  await page.mouse.click(elsewhere.x, elsewhere.y, { button: 'right' });
  await editor.byTestId(menuItemId('add-sticky')).click();
  await expect(editor.byTestId(stickyNoteId('note-2'))).toBeVisible();
  await editor.byTestId(TEST_IDS.undoButton).click();
  await expect(editor.byTestId(stickyNoteId('note-2'))).toHaveCount(0);
  await expect(note).toBeVisible();
  expect(editor.errors).toEqual([]);
});
