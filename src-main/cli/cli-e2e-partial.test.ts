import { afterAll, describe, expect, it } from 'vitest';
import {
  makeDataDir,
  makeTempDir,
  parseJsonOut,
  readRunLogs,
  removeTempDirs,
  runCli,
  startLoopbackServer,
  writeWorkflow,
  type RunJson,
} from './testing/run-cli.ts';

// `operon run --from-run/--from-node` and `--to-node`: partial runs, each in its own process.

afterAll(removeTempDirs);

/** start -> fetch (GET the url input) -> shape -> result. */
const fetching = (dir: string, expression: string) =>
  writeWorkflow(dir, 'fetching', {
    inputs: { type: 'object', properties: { url: { type: 'string' } }, required: ['url'] },
    nodes: [
      { id: 'start', type: 'core.manual-trigger' },
      { id: 'fetch', type: 'core.http-request', config: { url: '{{ url }}' } },
      { id: 'shape', type: 'core.transform', config: { expression } },
      { id: 'result', type: 'core.output', config: { name: 'result' } },
    ],
    edges: [
      ['start.out', 'fetch.in'],
      ['fetch.out', 'shape.in'],
      ['shape.out', 'result.in'],
    ],
  });

type PartialJson = RunJson & { reused: string[]; rerun: { nodeId: string; reason: string }[] };

describe('run from a node', () => {
  it('reuses the upstream HTTP call of a past run (no second request), re-runs the changed node, and says so', async () => {
    const server = await startLoopbackServer((_request, index) => ({ status: 200, body: { count: index + 1 } }));
    try {
      const dataDir = await makeDataDir();
      const dir = await makeTempDir();
      const first = parseJsonOut(
        await runCli(dataDir, ['run', await fetching(dir, 'body.count * 10'), '-i', `url=${server.url}`, '--json']),
      );
      expect(first.outputs).toEqual({ result: 10 });
      expect(server.requests).toHaveLength(1);

      const file = await fetching(dir, 'body.count * 1000');
      const args = ['run', file, '--from-run', first.runId, '--from-node', 'shape'];
      const result = await runCli(dataDir, args);
      expect(result.code, result.stderr).toBe(0);
      expect(server.requests).toHaveLength(1);
      expect(result.stderr).toContain(`reused from run ${first.runId}: start, fetch`);
      expect(result.stderr).toContain('re-run from "shape" and everything downstream of it');
      expect(result.stdout).toMatch(/2 succeeded, 2 reused/);
      expect(result.stdout).toContain('"result": 1000');

      const json = parseJsonOut<PartialJson>(await runCli(dataDir, [...args, '--json']));
      expect(json).toMatchObject({ status: 'succeeded', outputs: { result: 1000 }, reused: ['start', 'fetch'], rerun: [] });
      expect(server.requests).toHaveLength(1);
      const { events } = await readRunLogs(dataDir, json.runId);
      expect(events.flatMap((e) => (e.type === 'node.started' ? [e.nodeId] : []))).toEqual(['shape', 'result']);
      expect(events[0]).toMatchObject({
        type: 'run.started',
        inputs: { url: server.url },
        partial: { fromRunId: first.runId, fromNode: 'shape' },
      });

      // Other run inputs: any node may read them, so nothing is reused and the fetch is sent again.
      const other = await runCli(dataDir, [...args, '-i', `url=${server.url}/other`]);
      expect(other.stderr).toContain(`fetch: the run inputs differ from run ${first.runId}'s`);
      expect(server.requests).toHaveLength(2);

      const show = await runCli(dataDir, ['runs', 'show', json.runId]);
      expect(show.stdout).toMatch(/⇢ fetch\s+reused/);
      expect(show.stdout).toContain(`(reused from run ${first.runId})`);
    } finally {
      await server.close();
    }
  });

  it('re-runs an upstream node that changed since, naming why', async () => {
    const server = await startLoopbackServer(() => ({ status: 200, body: { count: 1 } }));
    try {
      const dataDir = await makeDataDir();
      const dir = await makeTempDir();
      const first = parseJsonOut(await runCli(dataDir, ['run', await fetching(dir, 'body.count'), '-i', `url=${server.url}`, '--json']));
      const file = await writeWorkflow(dir, 'fetching', {
        inputs: { type: 'object', properties: { url: { type: 'string' } } },
        nodes: [
          { id: 'start', type: 'core.manual-trigger' },
          { id: 'fetch', type: 'core.http-request', config: { url: '{{ url }}/v2' } },
          { id: 'shape', type: 'core.transform', config: { expression: 'body.count' } },
          { id: 'result', type: 'core.output', config: { name: 'result' } },
        ],
        edges: [
          ['start.out', 'fetch.in'],
          ['fetch.out', 'shape.in'],
          ['shape.out', 'result.in'],
        ],
      });
      const result = await runCli(dataDir, ['run', file, '--from-run', first.runId, '--from-node', 'shape']);
      expect(result.code, result.stderr).toBe(0);
      expect(result.stderr).toContain(`re-run fetch: it changed since run ${first.runId}`);
      expect(server.requests.map((request) => request.url)).toEqual(['/', '/v2']);
    } finally {
      await server.close();
    }
  });

  it('refuses half of the pair, an unknown node or run, before anything runs (exit 2)', async () => {
    const dataDir = await makeDataDir();
    const file = await fetching(await makeTempDir(), 'body');
    const half = await runCli(dataDir, ['run', file, '-i', 'url=http://127.0.0.1:9', '--from-node', 'shape']);
    expect(half.code).toBe(2);
    expect(half.stderr).toMatch(/OPR-159.*--from-run and --from-node go together/);
    const unknownRun = await runCli(dataDir, ['run', file, '--from-run', '20260101-000000-abcdef', '--from-node', 'shape']);
    expect(unknownRun.code).toBe(2);
    expect(unknownRun.stderr).toContain('OPR-150');
    const unknownNode = await runCli(dataDir, ['run', file, '-i', 'url=http://127.0.0.1:9', '--to-node', 'ghost', '--json']);
    expect(unknownNode.code).toBe(2);
    expect(parseJsonOut<{ status: string; problems: { code: string }[] }>(unknownNode)).toMatchObject({
      status: 'invalid',
      problems: [{ code: 'OPR-159' }],
    });
  });
});

describe('run to a node', () => {
  it('runs only the node and what it depends on', async () => {
    const server = await startLoopbackServer(() => ({ status: 200, body: { count: 7 } }));
    try {
      const dataDir = await makeDataDir();
      const file = await fetching(await makeTempDir(), 'body.count');
      const json = parseJsonOut<PartialJson>(
        await runCli(dataDir, ['run', file, '-i', `url=${server.url}`, '--to-node', 'fetch', '--json']),
      );
      expect(json).toMatchObject({ status: 'succeeded', outputs: {}, reused: [], rerun: [] });
      const { events } = await readRunLogs(dataDir, json.runId);
      expect(events.flatMap((e) => (e.type === 'node.started' ? [e.nodeId] : []))).toEqual(['start', 'fetch']);
      expect(events.flatMap((e) => (e.type === 'node.skipped' ? [e.nodeId] : []))).toEqual(['shape', 'result']);
      expect(server.requests).toHaveLength(1);
    } finally {
      await server.close();
    }
  });
});
