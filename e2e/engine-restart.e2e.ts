import { copyFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { TEST_IDS, dockTabId, historyRowId, runInputId } from '../src-renderer/test-ids.ts';
import { seedWorkflow } from './fixtures/api.ts';
import { ARTIFACTS, expect } from './fixtures/editor.ts';
import { startGate } from '../src-main/services/testing/gate.ts';
import { desktopTest as test, RESTART_REASON } from './fixtures/ipc-bridge.ts';
import { EVENT_WAIT_MS } from '../src-main/services/testing/waiting.ts';

// The desktop app's engine process dies while a run of the open workflow is going on: the main process starts a new
// one and tells the window (host.restarted). Played here through the bridge fixture: the engine process (its real
// entry, in a process of its own) is killed with SIGKILL, a new one starts on the same data folder, and
// host.restarted is delivered into the page, as electron/engine-host.ts and ipc-router.ts do.

/** Where the screenshots of the notice are copied when OPERON_SCREENS is set (outside the repository). */
const SCREENS = process.env.OPERON_SCREENS;

test('after an engine restart the window says so, the live run shows interrupted, and Continue finishes it', async ({
  editor,
  desktop,
}) => {
  const gate = await startGate({ ok: true });
  try {
    await seedWorkflow(desktop.api, {
      id: 'gated',
      name: 'Gated',
      inputs: { type: 'object', properties: { gateUrl: { type: 'string' } } },
      nodes: [
        { id: 'start', type: 'core.manual-trigger' },
        { id: 'wait', type: 'core.http-request', config: { method: 'GET', url: '{{ $run.gateUrl }}/gate', timeoutMs: 600_000 } },
        { id: 'pick', type: 'core.transform', config: { expression: 'body' } },
        { id: 'result', type: 'core.output', config: { name: 'reply' } },
      ],
      edges: [
        ['start', 'wait'],
        ['wait', 'pick'],
        ['pick', 'result'],
      ],
    });
    await editor.goto();
    await editor.openWorkflow('gated', 4);
    await editor.byTestId(dockTabId('run')).click();
    await editor.byTestId(runInputId('gateUrl')).fill(gate.url);
    await editor.byTestId(TEST_IDS.runButton).click();
    // Held mid-way: the gated node runs, its request waiting at the gate.
    await gate.requested(1);
    await expect(editor.nodeStatus('wait')).toHaveText('running');
    await expect(editor.byTestId(TEST_IDS.runStatus)).toHaveText('running');
    await expect(editor.byTestId(TEST_IDS.engineRestart)).toBeHidden();

    await desktop.restartEngine();

    const notice = editor.byTestId(TEST_IDS.engineRestart);
    await expect(notice).toBeVisible();
    await expect(notice).toContainText('The engine stopped and was restarted.');
    await expect(notice).toContainText('Runs that were going on are interrupted');
    // The main process's reason, as a sentence.
    await expect(notice).toContainText(RESTART_REASON.replace(/^t/, 'T'));
    // The run's view no longer says running: it says interrupted, and offers Continue.
    await expect(editor.byTestId(TEST_IDS.runStatus)).toHaveText('interrupted');
    await expect(editor.byTestId(TEST_IDS.runContinueInterrupted)).toBeVisible();
    await expect(editor.nodeStatus('wait')).toHaveText('interrupted');
    await expect(editor.nodeStatus('start')).toHaveText('succeeded');
    const { runs } = await desktop.api.client.call('runs.list', { workspace: 'default', workflowId: 'gated' });
    const run = runs[0];
    if (run?.kind !== 'run') throw new Error('no run');
    expect(run).toMatchObject({ status: 'running', interrupted: true });

    if (SCREENS !== undefined) {
      await mkdir(SCREENS, { recursive: true });
      for (const theme of ['light', 'dark'] as const) {
        if (theme === 'dark') await editor.byTestId(TEST_IDS.themeToggle).click();
        await expect(editor.page.locator('html')).toHaveAttribute('data-theme', theme);
        await editor.screenshot(`engine-restart-${theme}.png`);
        await copyFile(path.join(ARTIFACTS, `engine-restart-${theme}.png`), path.join(SCREENS, `restart-${theme}.png`));
      }
    }

    // Open History from the notice: the run is listed as interrupted there too.
    await editor.byTestId(TEST_IDS.engineRestartHistory).click();
    await expect(editor.byTestId(historyRowId(run.runId))).toContainText('running (interrupted)');
    await editor.byTestId(TEST_IDS.engineRestartDismiss).click();
    await expect(notice).toBeHidden();

    // Continue from the run panel: the gated node runs again in the new engine process and the run finishes.
    await editor.byTestId(dockTabId('run')).click();
    await editor.byTestId(TEST_IDS.runContinueInterrupted).click();
    await gate.requested(2);
    gate.open();
    await expect(editor.byTestId(TEST_IDS.runStatus)).toHaveText('succeeded', { timeout: EVENT_WAIT_MS });
    for (const node of ['start', 'wait', 'pick', 'result'])
      await expect(editor.nodeStatus(node), `status of ${node}`).toHaveText('succeeded');
    await expect(editor.byTestId(TEST_IDS.runOutputs)).toContainText('"ok": true');
    await expect(editor.byTestId(TEST_IDS.runContinueInterrupted)).toBeHidden();
    const after = await desktop.api.client.call('runs.get', { workspace: 'default', runId: run.runId });
    expect(after.run).toMatchObject({ status: 'succeeded', interrupted: false });
    expect(desktop.deliveryErrors).toEqual([]);
    expect(editor.errors).toEqual([]);
  } finally {
    await gate.close();
  }
});
