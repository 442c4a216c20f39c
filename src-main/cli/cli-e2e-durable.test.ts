import { existsSync, readdirSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { readRun } from '../services/run-log/run-reader.ts';
import {
  makeDataDir,
  makeTempDir,
  removeTempDirs,
  runCli,
  runIds,
  runsDirOf,
  startCli,
  startLoopbackServer,
  writeWorkflow,
  type LoopbackServer,
  type RunningCli,
} from './testing/run-cli.ts';

// kill -9 right at a side effect: the run's record is on disk before its first node starts, so the run resumes.

let server: LoopbackServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});
afterAll(removeTempDirs);

describe('a run killed at its first side effect', () => {
  it('has its run.json and resumes', async () => {
    const running: { cli?: RunningCli } = {};
    let killed = false;
    let dataDir = '';
    let runJsonAtPost = false;
    // The first POST kills the run's process the moment it arrives (before it is even answered); later ones succeed.
    server = await startLoopbackServer(() => {
      if (!killed && running.cli !== undefined) {
        killed = true;
        running.cli.child.kill('SIGKILL');
        const runsDir = runsDirOf(dataDir);
        runJsonAtPost = readdirSync(runsDir).some((id) => existsSync(path.join(runsDir, id, 'run.json')));
      }
      return { status: 200, body: { ok: true } };
    });
    const workflow = await writeWorkflow(await makeTempDir(), 'post-first', {
      nodes: [
        { id: 'start', type: 'core.manual-trigger' },
        { id: 'notify', type: 'core.http-request', config: { method: 'POST', url: `${server.url}/notify`, body: { order: 7 } } },
        { id: 'result', type: 'core.output', config: { name: 'reply' } },
      ],
      edges: [
        ['start.out', 'notify.in'],
        ['notify.out', 'result.in'],
      ],
    });
    dataDir = await makeDataDir();
    running.cli = startCli(dataDir, ['run', workflow]);
    const exited = await running.cli.exited;
    expect(exited.signal, exited.stderr).toBe('SIGKILL');
    expect(server.requests).toHaveLength(1);
    expect(runJsonAtPost, 'run.json was on disk when the side effect happened').toBe(true);

    const [runId] = await runIds(dataDir);
    const runsDir = runsDirOf(dataDir);
    expect((await stat(path.join(runsDir, runId ?? '', 'run.json'))).isFile()).toBe(true);
    expect(await readRun(runsDir, runId ?? '')).toMatchObject({ status: 'running', interrupted: true });

    const resumed = await runCli(dataDir, ['runs', 'resume', runId ?? '']);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(await readRun(runsDir, runId ?? '')).toMatchObject({ status: 'succeeded' });
    expect(server.requests).toHaveLength(2); // the node was running when killed: it runs again (at least once)
  });
});
