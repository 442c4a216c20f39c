import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildWorkflow } from '../../src-shared/engine/testing/build-workflow.ts';
import { createBuiltinRegistry } from '../../src-shared/nodes/builtin.ts';
import { createHost } from './host.ts';
import { startGate } from '../services/testing/gate.ts';
import { writePolicy } from '../services/policy/policy-file.ts';
import { pruneRuns } from '../services/policy/run-retention.ts';
import { startRetentionTimer } from './triggers/retention-timer.ts';

const registry = createBuiltinRegistry();
const DAY_MS = 86_400_000;
const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('pruneRuns', () => {
  it('removes finished runs past their days and beyond the size, oldest first, and never a running or waiting run', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'operon-retention-'));
    cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
    const host = await createHost({ dataDir, workspace: 'default', env: {}, registry });
    cleanups.push(() => host.close());
    const gate = await startGate({ ok: true });
    cleanups.push(() => gate.close());

    const quick = buildWorkflow(
      registry,
      [
        { id: 'start', type: 'core.manual-trigger' },
        { id: 'result', type: 'core.output' },
      ],
      ['start.out -> result.in'],
    );
    const finished: string[] = [];
    for (let i = 0; i < 3; i++) {
      const handle = await host.startRun({ workflow: quick, inputs: { i } });
      finished.push((await handle.result).runId);
    }
    const asking = buildWorkflow(
      registry,
      [
        { id: 'start', type: 'core.manual-trigger' },
        { id: 'ask', type: 'core.approval' },
      ],
      ['start.out -> ask.in'],
    );
    const waiting = (await (await host.startRun({ workflow: asking, inputs: {} })).result).runId;
    const holding = buildWorkflow(
      registry,
      [
        { id: 'start', type: 'core.manual-trigger' },
        { id: 'call', type: 'core.http-request', config: { url: gate.url } },
      ],
      ['start.out -> call.in'],
    );
    const running = await host.startRun({ workflow: holding, inputs: {} });
    await gate.requested(1);
    await host.syncLogs();

    // Ten days on, with a seven-day rule: the finished runs go, the waiting and the running one stay.
    const dry = await pruneRuns({ runsDir: host.paths.runs, retention: { runDays: 7 }, now: Date.now() + 10 * DAY_MS, dryRun: true });
    expect(dry.removed.map((run) => [run.runId, run.reason])).toEqual(finished.map((runId) => [runId, 'age']));
    expect((await readdir(host.paths.runs)).sort()).toEqual([...finished, waiting, running.runId].sort());

    // Today, under a size so small nothing fits: every finished run goes, oldest first, by size.
    const sized = await pruneRuns({ runsDir: host.paths.runs, retention: { maxTotalMb: 1e-9 }, now: Date.now() });
    expect(sized.removed.map((run) => [run.runId, run.reason])).toEqual(finished.map((runId) => [runId, 'size']));
    expect((await readdir(host.paths.runs)).sort()).toEqual([waiting, running.runId].sort());
    expect(sized.keptBytes).toBeGreaterThan(0);

    gate.open();
    expect((await running.result).status).toBe('succeeded');
  });
});

describe("the trigger service's retention pass", () => {
  it('prunes each workspace whose policy has a retention rule, and logs what it removed', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'operon-retention-'));
    cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
    const kept = await createHost({ dataDir, workspace: 'keeps', env: {}, registry });
    const pruned = await createHost({ dataDir, workspace: 'prunes', env: {}, registry });
    cleanups.push(
      () => kept.close(),
      () => pruned.close(),
    );
    const quick = buildWorkflow(
      registry,
      [
        { id: 'start', type: 'core.manual-trigger' },
        { id: 'result', type: 'core.output' },
      ],
      ['start.out -> result.in'],
    );
    const keptRun = (await (await kept.startRun({ workflow: quick, inputs: {} })).result).runId;
    const prunedRun = (await (await pruned.startRun({ workflow: quick, inputs: {} })).result).runId;
    await writePolicy(pruned.paths.root, { retention: { maxTotalMb: 1e-9 } });

    const lines: string[] = [];
    const passed = Promise.withResolvers<void>();
    const stop = startRetentionTimer({ dataDir, log: (line) => lines.push(line), onPass: () => passed.resolve() });
    cleanups.push(() => Promise.resolve(stop()));
    await passed.promise;
    expect(lines).toEqual([`workspace prunes: retention removed 1 run (${prunedRun})`]);
    expect(await readdir(pruned.paths.runs)).toEqual([]);
    expect(await readdir(kept.paths.runs)).toEqual([keptRun]);
  });
});
