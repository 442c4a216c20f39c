import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EngineEvent } from '../../src-shared/engine/events.ts';
import { readRun } from '../services/run-log/run-reader.ts';
import { startSideEffectServer, type SideEffectServer } from '../services/testing/side-effect-server.ts';
import { loggedEvents } from './testing/killed-run.ts';
import {
  makeDataDir,
  makeTempDir,
  parseJsonOut,
  removeTempDirs,
  runCli,
  runIds,
  runsDirOf,
  startCli,
  writeWorkflow,
  type RunningCli,
} from './testing/run-cli.ts';

// A node that was running when its process was killed (SIGKILL) is resumed by its type's declared policy: a read is
// run again, an HTTP change is sent again with the same Idempotency-Key, a sub-workflow waits for a person.

let server: SideEffectServer;
beforeEach(async () => {
  server = await startSideEffectServer();
});
afterEach(() => server.close());
afterAll(removeTempDirs);

const effect = (name: string, method = 'POST'): Record<string, unknown> => ({
  method,
  url: `{{ $run.baseUrl }}/effect/${name}?trial={{ $run.trial }}`,
  ...(method === 'GET' ? {} : { body: { order: 7 } }),
});

/**
 * Starts `operon run` and kills it (SIGKILL) once the server holds `held` requests of trial `trial`: their effects
 * are done, their answers not yet sent. Returns the interrupted run's id.
 */
async function killWhenHeld(dataDir: string, workflow: string, trial: string, held: number): Promise<string> {
  const running: { cli?: RunningCli } = {};
  const release = Promise.withResolvers<void>();
  server.setHook(trial, async (request) => {
    if (request.index === held) {
      running.cli?.child.kill('SIGKILL');
      release.resolve();
    }
    await release.promise;
  });
  running.cli = startCli(dataDir, ['run', workflow, '-i', `baseUrl=${server.url}`, '-i', `trial=${trial}`, '--json']);
  const exited = await running.cli.exited;
  server.setHook(trial, undefined);
  expect(exited.signal, exited.stderr).toBe('SIGKILL');
  const runs = await Promise.all((await runIds(dataDir)).map((id) => readRun(runsDirOf(dataDir), id)));
  const top = runs.find((run) => run.parent === undefined); // a sub-workflow's child run has its own folder
  expect(top).toMatchObject({ status: 'running', interrupted: true });
  return top?.runId ?? '';
}

const interruptions = (events: readonly EngineEvent[]): unknown[] =>
  events
    .filter((event) => event.type === 'node.interrupted')
    .map((event) => ({ ...event, seq: undefined, ts: undefined, runId: undefined }));

// Each test starts operon three or four times: slow on a loaded machine.
describe('resuming a killed run: each node by its policy', () => {
  it('sends an interrupted POST again with the same Idempotency-Key (resend) and runs an interrupted GET again (rerun)', async () => {
    const workflow = await writeWorkflow(await makeTempDir(), 'pay-and-read', {
      nodes: [
        { id: 'start', type: 'core.manual-trigger' },
        { id: 'pay', type: 'core.http-request', config: effect('pay') },
        { id: 'look', type: 'core.http-request', config: effect('look', 'GET') },
        { id: 'paid', type: 'core.output', config: { name: 'paid' } },
        { id: 'seen', type: 'core.output', config: { name: 'seen' } },
      ],
      edges: [
        ['start.out', 'pay.in'],
        ['start.out', 'look.in'],
        ['pay.out', 'paid.in'],
        ['look.out', 'seen.in'],
      ],
    });
    const dataDir = await makeDataDir();
    const runId = await killWhenHeld(dataDir, workflow, 'k1', 2);
    expect(server.trial('k1')).toMatchObject({ requests: 2, effects: { pay: 1 }, replays: 0, repeated: 0 });

    const resumed = await runCli(dataDir, ['runs', 'resume', runId, '--json']);
    expect(resumed.code, resumed.stderr).toBe(0);
    const out = parseJsonOut(resumed);
    expect(out.status).toBe('succeeded');
    expect(out.outputs.paid).toMatchObject({ status: 200, body: { ok: true, effect: 'pay', echo: { order: 7 } } });
    // The POST came again with its first key: recognised as a replay, carried out once. The GET was simply sent again.
    expect(server.trial('k1')).toMatchObject({ requests: 4, effects: { pay: 1 }, replays: 1, repeated: 0 });
    const events = await loggedEvents(dataDir, runId);
    expect(interruptions(events)).toEqual(
      expect.arrayContaining([
        { type: 'node.interrupted', nodeId: 'pay', attempt: 1, policy: 'resend' },
        { type: 'node.interrupted', nodeId: 'look', attempt: 1, policy: 'rerun' },
      ]),
    );
    const restarted = events
      .filter((e) => e.type === 'node.started' && e.nodeId === 'pay')
      .map((e) => e.type === 'node.started' && e.attempt);
    expect(restarted, 'the same attempt, so the same key').toEqual([1, 1]);

    const shown = await runCli(dataDir, ['runs', 'show', runId]);
    expect(shown.stdout).toContain(
      'interrupted in attempt 1 (its process died): sent again as the same attempt, with the same Idempotency-Key',
    );
    expect(shown.stdout).toContain('interrupted in attempt 1 (its process died): run again');
  });

  describe('a sub-workflow (ask)', () => {
    /** parent: start → child (sub-workflow: GET look) → result; killed while the child's GET is held. */
    async function killedInChild(trial: string): Promise<{ dataDir: string; runId: string }> {
      const dir = await makeTempDir();
      await writeWorkflow(dir, 'child', {
        nodes: [
          { id: 'start', type: 'core.manual-trigger' },
          { id: 'look', type: 'core.http-request', config: effect('look', 'GET') },
          { id: 'result', type: 'core.output', config: { name: 'looked' } },
        ],
        edges: [
          ['start.out', 'look.in'],
          ['look.out', 'result.in'],
        ],
      });
      const parent = await writeWorkflow(dir, 'parent', {
        nodes: [
          { id: 'start', type: 'core.manual-trigger' },
          { id: 'child', type: 'core.sub-workflow', config: { workflow: 'child.operon.json', inputs: '$' } },
          { id: 'result', type: 'core.output', config: { name: 'child' } },
        ],
        edges: [
          ['start.out', 'child.in'],
          ['child.out', 'result.in'],
        ],
      });
      const dataDir = await makeDataDir();
      return { dataDir, runId: await killWhenHeld(dataDir, parent, trial, 1) };
    }

    /** Resumes the run: it waits on the sub-workflow node with a request that says its side effect may have happened. */
    async function resumedToWaiting(dataDir: string, runId: string): Promise<void> {
      const resumed = await runCli(dataDir, ['runs', 'resume', runId, '--json']);
      expect(resumed.code, resumed.stderr).toBe(3);
      const out = parseJsonOut(resumed);
      expect(out.status).toBe('waiting');
      expect(out.pending).toEqual([
        {
          nodeId: 'child',
          request: expect.objectContaining({
            title: '"child" was interrupted',
            message: expect.stringContaining('its side effect may have happened') as unknown,
            interrupted: { attempt: 1 },
          }) as unknown,
        },
      ]);
      expect(interruptions(await loggedEvents(dataDir, runId))).toEqual([
        { type: 'node.interrupted', nodeId: 'child', attempt: 1, policy: 'ask' },
      ]);
      expect(server.trial('ask').requests + server.trial('reject').requests, 'not run again before a person says so').toBe(1);
    }

    it('waits for a person; approve runs it again', async () => {
      const { dataDir, runId } = await killedInChild('ask');
      await resumedToWaiting(dataDir, runId);
      const approved = await runCli(dataDir, ['approve', runId, '--node', 'child', '--json'], { env: { OPERON_USER: 'ana' } });
      expect(approved.code, approved.stderr).toBe(0);
      expect(parseJsonOut(approved)).toMatchObject({ status: 'succeeded', outputs: { child: { looked: { body: { read: 'look' } } } } });
      expect(server.trial('ask').requests).toBe(2);
      const log = await readFile(path.join(runsDirOf(dataDir), runId, 'nodes', 'child.jsonl'), 'utf8');
      expect(log).toContain('approved by ana: runs again as attempt 1');
    });

    it('waits for a person; reject fails it with OPR-196 and does not run it again', async () => {
      const { dataDir, runId } = await killedInChild('reject');
      await resumedToWaiting(dataDir, runId);
      const rejected = await runCli(dataDir, ['reject', runId, '--node', 'child', '--comment', 'it ran', '--json'], {
        env: { OPERON_USER: 'ana' },
      });
      expect(rejected.code, rejected.stderr).toBe(1);
      expect(parseJsonOut(rejected)).toMatchObject({
        status: 'failed',
        error: { code: 'OPR-196', message: 'node "child" was interrupted and is not run again: rejected by ana: it ran' },
      });
      expect(server.trial('reject').requests).toBe(1);
    });
  });
});
