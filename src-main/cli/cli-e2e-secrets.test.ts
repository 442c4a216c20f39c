import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { startGate, type Gate } from '../services/testing/gate.ts';
import { countFiles, filesHolding } from '../services/testing/secret-scan.ts';
import { waitUntil } from '../services/testing/waiting.ts';
import { loggedEvents, onlyRunId } from './testing/killed-run.ts';
import {
  makeDataDir,
  makeTempDir,
  parseJsonOut,
  removeTempDirs,
  runCli,
  startCli,
  startLoopbackServer,
  writeWorkflow,
  type LoopbackServer,
} from './testing/run-cli.ts';

// A run that goes on in another process (approved, or resumed after kill -9) reads its secrets again from that
// process's store (its environment): the log never had them, so it could not have given them back.

const OLD = 'old-token-4d1c0ffee';
const NEW = 'new-token-9b2decade';

let closers: (LoopbackServer | Gate)[] = [];
afterEach(async () => {
  await Promise.all(closers.map((each) => each.close()));
  closers = [];
});
afterAll(removeTempDirs);

const authorizations = (api: LoopbackServer): unknown[] => api.requests.map((request) => request.headers.authorization);
const call = (id: string, path: string) => ({
  id,
  type: 'core.http-request',
  config: { url: `{{ $run.baseUrl }}/${path}`, headers: { Authorization: "Bearer {{ $secret('TOKEN') }}" } },
});

async function expectOnDiskNeither(dataDir: string): Promise<void> {
  expect(await countFiles(dataDir)).toBeGreaterThan(3);
  expect(await filesHolding(dataDir, OLD)).toEqual([]);
  expect(await filesHolding(dataDir, NEW)).toEqual([]);
}

describe('secrets after a pause or a crash', () => {
  it('a run approved in a new process sends the secret that process has, not the one the run started with', async () => {
    const api = await startLoopbackServer(() => ({ status: 200, body: { ok: true } }));
    closers.push(api);
    const file = await writeWorkflow(await makeTempDir(), 'approve-then-call', {
      nodes: [
        { id: 'start', type: 'core.manual-trigger' },
        call('before', 'before'),
        { id: 'approve', type: 'core.approval', config: { title: 'Send it?' } },
        call('after', 'after'),
        { id: 'result', type: 'core.output', config: { name: 'status' } },
      ],
      edges: [
        ['start.out', 'before.in'],
        ['before.out', 'approve.in'],
        ['approve.approved', 'after.in'],
        ['after.out', 'result.in'],
      ],
    });
    const dataDir = await makeDataDir();
    const waiting = await runCli(dataDir, ['run', file, '-i', `baseUrl=${api.url}`, '--json'], { env: { OPERON_SECRET_TOKEN: OLD } });
    expect(waiting.code, waiting.stderr).toBe(3);
    expect(authorizations(api)).toEqual([`Bearer ${OLD}`]);

    const { runId } = parseJsonOut(waiting);
    const approved = await runCli(dataDir, ['approve', runId, '--json'], { env: { OPERON_SECRET_TOKEN: NEW } });
    expect(approved.code, approved.stderr).toBe(0);
    expect(authorizations(api)).toEqual([`Bearer ${OLD}`, `Bearer ${NEW}`]);
    expect(`${waiting.stdout}${waiting.stderr}${approved.stdout}${approved.stderr}`).not.toContain('-token-');
    await expectOnDiskNeither(dataDir);
  });

  it('a run resumed after kill -9 sends the secret the resuming process has', async () => {
    const api = await startLoopbackServer(() => ({ status: 200, body: { ok: true } }));
    const gate = await startGate({ ok: true });
    closers.push(api, gate);
    const file = await writeWorkflow(await makeTempDir(), 'call-hold-call', {
      nodes: [
        { id: 'start', type: 'core.manual-trigger' },
        call('before', 'before'),
        { id: 'hold', type: 'core.http-request', config: { url: `${gate.url}/gate`, timeoutMs: 600000 } },
        call('after', 'after'),
        { id: 'result', type: 'core.output', config: { name: 'status' } },
      ],
      edges: [
        ['start.out', 'before.in'],
        ['before.out', 'hold.in'],
        ['hold.out', 'after.in'],
        ['after.out', 'result.in'],
      ],
    });
    const dataDir = await makeDataDir();
    const cli = startCli(dataDir, ['run', file, '-i', `baseUrl=${api.url}`], { env: { OPERON_SECRET_TOKEN: OLD } });
    const runId = await onlyRunId(dataDir);
    await gate.requested(1);
    const holding = async () => (await loggedEvents(dataDir, runId)).some((e) => e.type === 'node.started' && e.nodeId === 'hold');
    await waitUntil(holding, 'hold started');
    cli.child.kill('SIGKILL');
    expect((await cli.exited).signal).toBe('SIGKILL');
    expect(authorizations(api)).toEqual([`Bearer ${OLD}`]);

    gate.open();
    const resumed = await runCli(dataDir, ['runs', 'resume', runId, '--json'], { env: { OPERON_SECRET_TOKEN: NEW } });
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(authorizations(api)).toEqual([`Bearer ${OLD}`, `Bearer ${NEW}`]);
    await expectOnDiskNeither(dataDir);
  });
});
