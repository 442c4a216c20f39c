import { spawn } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startGate } from '../src-main/services/testing/gate.ts';
import { EVENT_WAIT_MS } from '../src-main/services/testing/waiting.ts';
import { TEST_IDS, dockTabId, historyContinueId, historyRowId } from '../src-renderer/test-ids.ts';
import { seedWorkflow } from './fixtures/api.ts';
import { runEvents, startCountingServer, waitForRunStatus } from './fixtures/debugger.ts';
import { expect, test } from './fixtures/editor.ts';
import { ROOT } from './fixtures/serve.ts';

// A run whose process was killed shows as interrupted in History, and Continue finishes it from its log.

test('an interrupted run is continued from History: finished nodes do not run again', async ({ editor, api, served }) => {
  const upstream = await startCountingServer({ ok: true });
  // The slow node waits at this gate until the test opens it: the run is killed while it waits, however slow the machine.
  const gate = await startGate({ waited: true });
  try {
    await seedWorkflow(api, {
      id: 'slow',
      name: 'Slow',
      nodes: [
        { id: 'start', type: 'core.manual-trigger' },
        { id: 'notify', type: 'core.http-request', config: { method: 'POST', url: upstream.url, body: { hello: 1 } } },
        { id: 'wait', type: 'core.http-request', config: { method: 'GET', url: `${gate.url}/gate`, timeoutMs: 600_000 } },
        { id: 'result', type: 'core.output', config: { name: 'result' } },
      ],
      edges: [
        ['start', 'notify'],
        ['notify', 'wait'],
        ['wait', 'result'],
      ],
    });
    // The same workflow run headless by `operon run` on this data folder, killed while it waits.
    const { text } = await api.client.call('workflows.export', { workspace: 'default', id: 'slow' });
    const file = path.join(await mkdtemp(path.join(tmpdir(), 'operon-e2e-file-')), 'slow.operon.json');
    await writeFile(file, text);
    const cli = spawn(process.execPath, [path.join(ROOT, 'bin/operon.js'), '--data-dir', served.dataDir, 'run', file], {
      cwd: ROOT,
      env: { ...process.env, OPERON_SOURCES: '1' },
      stdio: 'ignore',
    });
    let runId: string | undefined;
    await expect
      .poll(
        async () => {
          const { runs } = await api.client.call('runs.list', { workspace: 'default', workflowId: 'slow' });
          runId = runs[0]?.runId;
          if (runId === undefined) return false;
          return (await runEvents(api, runId)).some((e) => e.type === 'node.started' && e.nodeId === 'wait');
        },
        { timeout: EVENT_WAIT_MS, message: 'the headless run never reached its slow node' },
      )
      .toBe(true);
    cli.kill('SIGKILL');
    await new Promise((resolve) => cli.once('exit', resolve));
    expect(upstream.count()).toBe(1);
    gate.open(); // the slow node, run again on Continue, finishes at once

    await editor.goto();
    await editor.openWorkflow('slow', 4);
    await editor.byTestId(dockTabId('history')).click();
    await expect(editor.byTestId(historyRowId(runId!))).toContainText('running (interrupted)');
    await editor.byTestId(historyContinueId(runId!)).click();
    expect(await waitForRunStatus(api, runId!, ['succeeded', 'failed'])).toBe('succeeded');
    await editor.byTestId(dockTabId('run')).click();
    await expect(editor.byTestId(TEST_IDS.runStatus)).toHaveText('succeeded', { timeout: EVENT_WAIT_MS });
    await expect(editor.nodeStatus('result')).toHaveText('succeeded');

    // The POST was not sent again; the log goes on after the kill with run.resumed.
    expect(upstream.count()).toBe(1);
    const events = await runEvents(api, runId!);
    expect(events.filter((e) => e.type === 'run.resumed')).toHaveLength(1);
    expect(events.filter((e) => e.type === 'node.started' && e.nodeId === 'notify')).toHaveLength(1);
    expect(editor.errors).toEqual([]);
  } finally {
    await upstream.close();
    await gate.close();
  }
});
