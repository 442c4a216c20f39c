import { stat } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { EngineEvent } from '../../src-shared/engine/events.ts';
import { acquireRunLock } from '../services/run-log/run-lock.ts';
import { readRun } from '../services/run-log/run-reader.ts';
import { startGate, type Gate } from '../services/testing/gate.ts';
import { waitUntil } from '../services/testing/waiting.ts';
import { killWhileRunning, loggedEvents, sideEffectThenGate } from './testing/killed-run.ts';
import {
  EXAMPLES,
  makeDataDir,
  parseJsonOut,
  readRunLogs,
  removeTempDirs,
  runCli,
  runsDirOf,
  startCli,
  startLoopbackServer,
  type LoopbackServer,
} from './testing/run-cli.ts';

// A run whose process was killed (SIGKILL: no handler runs) is continued by `operon runs resume` in another process.

let server: LoopbackServer | undefined;
let gate: Gate | undefined;
afterEach(async () => {
  await server?.close();
  await gate?.close();
  server = undefined;
  gate = undefined;
});
afterAll(removeTempDirs);

const REPLY = { ok: true, ticket: 'T-1' };
const startedCount = (events: readonly EngineEvent[], nodeId: string): number =>
  events.filter((event) => event.type === 'node.started' && event.nodeId === nodeId).length;

async function notifyServer(): Promise<LoopbackServer> {
  server = await startLoopbackServer(() => ({ status: 200, body: REPLY }));
  return server;
}

/** The run's `wait` node calls this gate: it runs until the test opens it (no timer to race). */
async function waitGate(): Promise<Gate> {
  gate = await startGate(REPLY);
  return gate;
}

describe('operon runs resume', () => {
  it('continues a killed run from its log: the side effect upstream is not repeated, the gated node runs again', async () => {
    const notify = await notifyServer();
    const wait = await waitGate();
    const dataDir = await makeDataDir();
    const workflow = await sideEffectThenGate();
    const { runId, pid: killedPid } = await killWhileRunning(
      dataDir,
      [workflow, '-i', `baseUrl=${notify.url}`, '-i', `gateUrl=${wait.url}`, '-i', 'order=7'],
      'wait',
      async (id) => {
        // While its process lives, the run is not interrupted and is refused.
        const early = await runCli(dataDir, ['runs', 'resume', id]);
        expect(early.code).toBe(1);
        expect(early.stderr).toMatch(/OPR-170 run \S+ is still running \(process \d+ on /);
      },
    );
    expect(notify.requests.map(({ method, url }) => `${method} ${url}`)).toEqual(['POST /notify']);
    const before = await loggedEvents(dataDir, runId);
    expect(before.at(-1)).toMatchObject({ type: 'node.started', nodeId: 'wait' });

    const show = await runCli(dataDir, ['runs', 'show', runId]);
    expect(show.code, show.stderr).toBe(0);
    expect(show.stdout).toContain(`interrupted (its process ${killedPid} is gone`);
    expect(show.stdout).toContain(`operon runs resume ${runId}`);

    const resume = startCli(dataDir, ['runs', 'resume', runId]);
    // Once it goes on, run.json names the new process, so the run is no longer reported interrupted.
    const runsDir = runsDirOf(dataDir);
    await waitUntil(async () => (await readRun(runsDir, runId)).pid === resume.child.pid, 'run.json names the resuming process');
    const live = parseJsonOut<{ run: { status: string; interrupted: boolean } }>(await runCli(dataDir, ['runs', 'show', runId, '--json']));
    expect(live.run).toMatchObject({ status: 'running', interrupted: false });
    wait.open(); // the gated node, run again, may finish now

    const result = await resume.exited;
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain(`run ${runId} resumed`);
    expect(result.stderr).toContain('wait: started');
    expect(result.stdout).toContain(`succeeded  run ${runId}`);
    expect(result.stdout).toContain(JSON.stringify({ reply: REPLY }, null, 2));
    expect(notify.requests, 'the HTTP request upstream was not sent again').toHaveLength(1);
    expect(wait.requests, 'the gated node ran in both processes').toBe(2);

    // One log, carried on: the first process's events untouched, numbering continued (readRunLogs checks 0..n-1).
    const after = await readRunLogs(dataDir, runId);
    expect(after.events.slice(0, before.length)).toEqual(before);
    expect(after.events[before.length]?.type).toBe('run.resumed');
    expect(after.events.at(-1)).toMatchObject({ type: 'run.finished', status: 'succeeded', outputs: { reply: REPLY } });
    expect(startedCount(after.events, 'start')).toBe(1);
    expect(startedCount(after.events, 'notify')).toBe(1);
    expect(startedCount(after.events, 'wait')).toBe(2);
    expect(after.run).toMatchObject({ status: 'succeeded', outputs: { reply: REPLY }, pid: resume.child.pid });
    expect(after.run.resumedAt).toBeGreaterThan(after.run.startedAt);
    expect(after.run.totals).toMatchObject({ succeeded: 5, failed: 0 });

    // Finished now: resuming it again is refused and changes nothing.
    const again = await runCli(dataDir, ['runs', 'resume', runId, '--json']);
    expect(again.code).toBe(1);
    // --json: one JSON object on stdout, whatever happened; the line for people on stderr.
    expect(parseJsonOut(again)).toMatchObject({ status: 'error', error: { code: 'OPR-170' } });
    expect(again.stderr).toContain(`OPR-170 run ${runId} already finished (succeeded)`);
    expect((await readRunLogs(dataDir, runId)).events).toEqual(after.events);
  });

  it('refuses a run another process holds (OPR-153), then resumes it with --json once free', async () => {
    const notify = await notifyServer();
    const wait = await waitGate();
    const dataDir = await makeDataDir();
    const args = [await sideEffectThenGate(), '-i', `baseUrl=${notify.url}`, '-i', `gateUrl=${wait.url}`];
    const { runId } = await killWhileRunning(dataDir, args, 'wait');
    wait.open();
    const lock = await acquireRunLock(runsDirOf(dataDir), runId); // held by this (live) test process
    try {
      const locked = await runCli(dataDir, ['runs', 'resume', runId]);
      expect(locked.code).toBe(1);
      expect(locked.stderr).toContain(`OPR-153 Run ${runId} is locked by another process (process ${process.pid}`);
    } finally {
      await lock.release();
    }
    const result = await runCli(dataDir, ['runs', 'resume', runId, '--json']);
    expect(result.code, result.stderr).toBe(0);
    expect(parseJsonOut(result)).toMatchObject({ runId, status: 'succeeded', outputs: { reply: REPLY }, totals: { succeeded: 5 } });
    expect(notify.requests).toHaveLength(1);
  });

  it('refuses a waiting run (OPR-170) and an unknown one (OPR-150, leaving no folder behind)', async () => {
    const dataDir = await makeDataDir();
    const waiting = parseJsonOut(await runCli(dataDir, ['run', path.join(EXAMPLES, 'approval.operon.json'), '--json']));
    expect(waiting.status).toBe('waiting');
    const refused = await runCli(dataDir, ['runs', 'resume', waiting.runId]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`OPR-170 run ${waiting.runId} is waiting for a decision, not interrupted`);
    expect((await readRun(runsDirOf(dataDir), waiting.runId)).status).toBe('waiting');

    const unknown = await runCli(dataDir, ['runs', 'resume', 'r-nope']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('OPR-150');
    await expect(stat(path.join(runsDirOf(dataDir), 'r-nope'))).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
