import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { EditorCommand, OpenedFile } from '../src-shared/api/desktop-contract.ts';
import { TEST_IDS } from '../src-renderer/test-ids.ts';
import { test as editorTest, expect, type Editor } from './fixtures/editor.ts';
import { desktopTest, type DesktopPage } from './fixtures/ipc-bridge.ts';
import { ROOT } from './fixtures/serve.ts';
import { EVENT_WAIT_MS } from '../src-main/services/testing/waiting.ts';

// What the desktop shell's menus and file handling ask of the editor, through the real built preload and the real
// engine host (fixtures/ipc-bridge.ts), with the test playing the main process: the files it hands over and the
// menu commands it sends. Menus themselves are checked in src-main/electron/menu.test.ts.

const DIAMOND_PATH = path.join(ROOT, 'resources/examples/diamond.operon.json');
const DIAMOND = readFileSync(DIAMOND_PATH, 'utf8');
const DIAMOND_NODES = 7;

/** The files the main process holds for the window when it says it is ready (a double-click that started the app). */
const waiting: OpenedFile[] = [];

const test = desktopTest;
test.use({ desktopOptions: { desktop: { 'desktop.takeOpenFiles': () => Promise.resolve({ files: waiting.splice(0) }) } } });
test.beforeEach(() => {
  waiting.splice(0, waiting.length, { path: DIAMOND_PATH, text: DIAMOND, as: 'open' });
});

const workflowIds = async (desktop: DesktopPage): Promise<string[]> => {
  const { workflows } = await desktop.api.client.call('workflows.list', { workspace: 'default' });
  return workflows.map((workflow) => workflow.id).sort();
};

const theme = (editor: Editor): Promise<string | null> => editor.page.locator('html').getAttribute('data-theme');

test('a file handed to the desktop app opens once; opened again it is the same workflow, imported it is a copy', async ({
  editor,
  desktop,
}) => {
  // The file that was waiting when the window became ready opens by itself.
  await expect(editor.canvasNodes).toHaveCount(DIAMOND_NODES);
  await expect(editor.byTestId(TEST_IDS.workflowName)).toHaveValue('Diamond: parallel statistics');
  expect(await workflowIds(desktop)).toEqual(['diamond']);
  expect(waiting).toEqual([]);

  // Opened again (a double-click while the app runs): the workflow already there, not a copy.
  const opensBefore = desktop.calls.filter((call) => call === 'workflows.open').length;
  await desktop.pushDesktopEvent('desktop.openFile', { path: DIAMOND_PATH, text: DIAMOND, as: 'open' });
  await expect.poll(() => desktop.calls.filter((call) => call === 'workflows.open').length).toBe(opensBefore + 1);
  expect(await workflowIds(desktop)).toEqual(['diamond']);

  // File › Import: always a new copy, and the toast says so.
  await desktop.pushDesktopEvent('desktop.openFile', { path: DIAMOND_PATH, text: DIAMOND, as: 'import' });
  await expect(editor.byTestId(TEST_IDS.toast)).toContainText('Imported "Diamond: parallel statistics" as a copy');
  expect(await workflowIds(desktop)).toEqual(['diamond', 'diamond-2']);
  expect(editor.errors).toEqual([]);
});

test('the menu commands act on the open workflow and the window', async ({ editor, desktop }) => {
  await expect(editor.canvasNodes).toHaveCount(DIAMOND_NODES);
  const command = (name: EditorCommand) => desktop.pushDesktopEvent('desktop.command', { command: name });

  // View › Zoom In and Fit Workflow move the canvas, not the page. Zoomed in past 100 %, a fit comes back (it never
  // zooms past 100 %).
  for (let i = 0; i < 12 && (await editor.zoom()) <= 1.05; i++) {
    const before = await editor.zoom();
    await command('zoomIn');
    await expect.poll(() => editor.zoom()).toBeGreaterThan(before);
  }
  const zoomed = await editor.zoom();
  expect(zoomed).toBeGreaterThan(1.05);
  await command('fitView');
  await expect.poll(() => editor.zoom()).toBeLessThan(zoomed);

  // View › Toggle Light / Dark.
  const themeBefore = await theme(editor);
  await command('toggleTheme');
  await expect.poll(() => theme(editor)).not.toBe(themeBefore);

  // Run › Run.
  await command('run');
  await expect(editor.byTestId(TEST_IDS.runStatus)).toHaveText('succeeded', { timeout: EVENT_WAIT_MS });

  // File › Save As… asks for the copy's name.
  await command('saveAs');
  await expect(editor.byTestId(TEST_IDS.saveAsDialog)).toBeVisible();
  await editor.page.keyboard.press('Escape');
  await expect(editor.byTestId(TEST_IDS.saveAsDialog)).toBeHidden();

  // Help › Keyboard Shortcuts lists them, with Save as among them; Escape closes it.
  await command('help');
  await expect(editor.byTestId(TEST_IDS.helpSheet)).toContainText('Save a copy under a new name');
  await editor.page.keyboard.press('Escape');
  await expect(editor.byTestId(TEST_IDS.helpSheet)).toBeHidden();

  // File › Close Workflow, then a command that needs a workflow says so.
  await command('close');
  await expect(editor.page.getByRole('heading', { name: 'No workflow open' })).toBeVisible();
  await command('undo');
  await expect(editor.byTestId(TEST_IDS.toast)).toContainText('Open a workflow first');
  // File › New needs none.
  await command('new');
  await expect(editor.canvasNodes).toHaveCount(1);
  expect(editor.errors).toEqual([]);
});

editorTest('in a browser too, a workflow file dropped on the window opens, and Ctrl+Shift+S saves a copy', async ({ editor }) => {
  const { page } = editor;
  // What a file dragged from the desktop carries (written as page script: this file is type-checked without the DOM).
  const dataTransfer = await page.evaluateHandle(`(() => {
    const transfer = new DataTransfer();
    transfer.items.add(new File([${JSON.stringify(DIAMOND)}], 'diamond.operon.json', { type: 'application/json' }));
    return transfer;
  })()`);
  await page.dispatchEvent('main', 'dragover', { dataTransfer });
  await page.dispatchEvent('main', 'drop', { dataTransfer });
  await expect(editor.canvasNodes).toHaveCount(DIAMOND_NODES);
  await expect(editor.byTestId(TEST_IDS.workflowName)).toHaveValue('Diamond: parallel statistics');

  await editor.canvasNodes.first().click();
  await page.keyboard.press('Control+Shift+S');
  await expect(editor.byTestId(TEST_IDS.saveAsDialog)).toBeVisible();
  expect(editor.errors).toEqual([]);
});
