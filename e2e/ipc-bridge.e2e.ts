import { readFileSync } from 'node:fs';
import path from 'node:path';
import { drawRunInspect } from './fixtures/draw-run-inspect.ts';
import { expect } from './fixtures/editor.ts';
import { desktopTest as test } from './fixtures/ipc-bridge.ts';
import { ROOT } from './fixtures/serve.ts';

// The desktop app's road without the Electron binary: the built renderer in Chromium, `window.operon` made by the
// built preload (its `electron` stood in for), each call relayed to the real engine host over a real MessagePort, and
// the engine's pushed events delivered back into the page (the engine process's real entry, in a process of its
// own). The `served` fixture of the editor tests is replaced by it (desktopTest).

const { version } = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };

test('the editor draws, runs and inspects a workflow over the desktop bridge, never a WebSocket', async ({ editor, desktop }) => {
  const { page } = editor;
  // The page chose the bridge: it opened no WebSocket (it would have while starting, before the editor showed).
  expect(desktop.websockets).toEqual([]);
  // The page sees the preload's one object, of exactly the bridge's shape.
  expect(await page.evaluate(() => Object.keys((globalThis as unknown as { operon: object }).operon))).toEqual([
    'version',
    'request',
    'onEvent',
  ]);
  expect(await page.evaluate(() => (globalThis as unknown as { operon: { version: string } }).operon.version)).toBe(version);

  await drawRunInspect(editor);

  // The engine host stored what was drawn and ran it.
  const { workflows } = await desktop.api.client.call('workflows.list', { workspace: 'default' });
  expect(workflows).toHaveLength(1);
  const { runs } = await desktop.api.client.call('runs.list', { workspace: 'default', workflowId: workflows[0]?.id });
  expect(runs.map((run) => (run.kind === 'run' ? run.status : run.kind))).toEqual(['succeeded']);

  // Everything went over the bridge: the calls, and the run's events back through the preload's listeners.
  expect(desktop.calls).toEqual(expect.arrayContaining(['nodeTypes.catalogue', 'workflows.save', 'runs.start', 'runs.watch']));
  expect(desktop.events).toEqual(expect.arrayContaining(['run.event', 'run.watchEnded', 'runs.changed']));
  expect(desktop.deliveryErrors).toEqual([]);
  expect(desktop.websockets).toEqual([]);

  // A name outside the contract is answered by the bridge itself and never crosses IPC.
  const callsBefore = desktop.calls.length;
  const refused = await page.evaluate(() =>
    (globalThis as unknown as { operon: { request(call: string, input: unknown): Promise<unknown> } }).operon.request(
      'shell.openExternal',
      {},
    ),
  );
  expect(refused).toMatchObject({ ok: false, error: { code: 'OPR-160' } });
  expect(desktop.calls).toHaveLength(callsBefore);
  expect(editor.errors).toEqual([]);
});
