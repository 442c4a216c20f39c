import { rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { EventOf } from '../../src-shared/engine/events.ts';
import {
  EXAMPLES,
  filesDirOf,
  finishedStatuses,
  listFiles,
  makeDataDir,
  makeTempDir,
  parseJsonOut,
  readRunLogs,
  removeTempDirs,
  runCli,
  startLoopbackServer,
  writeWorkflow,
} from './testing/run-cli.ts';

// `--cache` across runs, and `operon runs show` on what runs left behind.

afterAll(removeTempDirs);

const diamond = path.join(EXAMPLES, 'diamond.operon.json');
const STEPS = ['sum', 'max', 'average', 'join', 'report'];

describe('run --cache', () => {
  it('reuses the first run’s node outputs in the second run and says so in runs show', async () => {
    const dataDir = await makeDataDir();
    const first = parseJsonOut(await runCli(dataDir, ['run', diamond, '--cache', '--json']));
    expect(first.totals?.cached).toBe(0);
    const result = await runCli(dataDir, ['run', diamond, '--cache', '--json']);
    expect(result.code, result.stderr).toBe(0);
    const second = parseJsonOut(result);
    expect(second.outputs).toEqual(first.outputs);
    expect(second.totals?.cached).toBeGreaterThanOrEqual(STEPS.length);

    const { events } = await readRunLogs(dataDir, second.runId);
    const statuses = finishedStatuses(events);
    for (const nodeId of STEPS) expect(statuses[nodeId], nodeId).toBe('cached');
    const hits = events.filter((event): event is EventOf<'node.finished'> => event.type === 'node.finished' && event.status === 'cached');
    for (const hit of hits) expect(hit.cachedFrom).toEqual({ runId: first.runId, nodeId: hit.nodeId });
    expect(events.some((event) => event.type === 'node.started')).toBe(false);

    const show = await runCli(dataDir, ['runs', 'show', second.runId]);
    expect(show.code).toBe(0);
    expect(show.stdout).toContain(`cache hit from run ${first.runId}`);
    expect(show.stdout).toMatch(/≡ sum\s+cached/);

    // Without --cache, nothing is reused.
    const uncached = parseJsonOut(await runCli(dataDir, ['run', diamond, '--json']));
    expect(uncached.totals?.cached).toBe(0);
  });

  it('does not reuse outputs computed from other run inputs', async () => {
    const dataDir = await makeDataDir();
    await runCli(dataDir, ['run', diamond, '--cache', '--json']);
    const result = await runCli(dataDir, ['run', diamond, '--cache', '-i', 'numbers=[1,2]', '--json']);
    expect(result.code, result.stderr).toBe(0);
    // The trigger's cache key is its (empty) input port values, not the run inputs it emits: the whole run is a stale hit.
    expect(parseJsonOut(result).outputs).toEqual({ report: { sum: 3, max: 2, average: 1.5 } });
  });

  it('still writes the files a workflow writes', async () => {
    const server = await startLoopbackServer(() => ({
      status: 200,
      body: { orders: [{ id: 1, customer: 'ana', status: 'paid', quantity: 1, price: 2 }] },
    }));
    try {
      const dataDir = await makeDataDir();
      const args = ['run', path.join(EXAMPLES, 'http-etl.operon.json'), '-i', `baseUrl=${server.url}`, '--cache', '--json'];
      expect((await runCli(dataDir, args)).code).toBe(0);
      const csv = path.join(filesDirOf(dataDir), 'paid-orders.csv');
      await rm(csv);
      const second = await runCli(dataDir, args);
      expect(second.code, second.stderr).toBe(0);
      // The second run reports the CSV it "read back", so the file must be there.
      expect(parseJsonOut(second).outputs.csv).toEqual([{ id: '1', customer: 'ana', total: '2' }]);
      expect(await listFiles(filesDirOf(dataDir))).toEqual([csv]);
    } finally {
      await server.close();
    }
  });
});

describe('runs show', () => {
  async function failedRun(): Promise<{ dataDir: string; runId: string }> {
    const dataDir = await makeDataDir();
    const file = await writeWorkflow(await makeTempDir(), 'load-missing', {
      nodes: [
        { id: 'start', type: 'core.manual-trigger' },
        { id: 'load', type: 'core.read-file', config: { path: 'missing.json', format: 'json' } },
        { id: 'result', type: 'core.output', config: { name: 'data' } },
      ],
      edges: [
        ['start.out', 'load.in'],
        ['load.out', 'result.in'],
      ],
    });
    const result = await runCli(dataDir, ['run', file, '--json']);
    expect(result.code).toBe(1);
    const json = parseJsonOut(result);
    expect(json.error).toMatchObject({ code: 'OPR-110', nodeId: 'load' });
    return { dataDir, runId: json.runId };
  }

  it('names the error code and the failed node of a failed run', async () => {
    const { dataDir, runId } = await failedRun();
    const show = await runCli(dataDir, ['runs', 'show', runId]);
    expect(show.code).toBe(0);
    const lines = show.stdout.split('\n');
    expect(lines[0]).toMatch(new RegExp(`^run ${runId} · load-missing · failed$`));
    expect(show.stdout).toMatch(/^OPR-110 .*missing\.json/m);
    const at = lines.findIndex((line) => /^✗ load\s+failed/.test(line));
    expect(at, show.stdout).toBeGreaterThan(0);
    const block = lines.slice(
      at + 1,
      lines.findIndex((line, index) => index > at && !line.startsWith('    ')),
    );
    expect(block.join('\n')).toMatch(/OPR-110 .*missing\.json/);
    expect(show.stdout).not.toMatch(/^. result/m); // never started: no trace line
  });

  it('--node prints that node’s events and no other’s', async () => {
    const { dataDir, runId } = await failedRun();
    const { nodes } = await readRunLogs(dataDir, runId);
    const own = nodes.get('load') ?? [];
    const show = await runCli(dataDir, ['runs', 'show', runId, '--node', 'load']);
    expect(show.code).toBe(0);
    const headers = show.stdout.split('\n').filter((line) => line.startsWith('#'));
    expect(headers.map((line) => line.split(' ')[0])).toEqual(own.map((event) => `#${event.seq}`));
    expect(headers.map((line) => line.split(' ')[2])).toEqual(own.map((event) => event.type));
    expect(show.stdout).toContain('"code": "OPR-110"');
    expect(show.stdout).not.toContain('"nodeId": "start"');
  });

  it('--json prints run.json and every event', async () => {
    const { dataDir, runId } = await failedRun();
    const { events } = await readRunLogs(dataDir, runId);
    const json = parseJsonOut<{ run: { status: string; error: { code: string } }; events: unknown[] }>(
      await runCli(dataDir, ['runs', 'show', runId, '--json']),
    );
    expect(json.run).toMatchObject({ status: 'failed', error: { code: 'OPR-110' } });
    expect(json.events).toEqual(events);
  });

  it('an unknown run exits non-zero with OPR-150', async () => {
    const result = await runCli(await makeDataDir(), ['runs', 'show', '20260101-000000-abcdef']);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('OPR-150');
  });
});
