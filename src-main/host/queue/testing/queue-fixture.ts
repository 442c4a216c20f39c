import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Redis } from 'ioredis';
import type { EventPayload } from '../../../../src-shared/api/contract.ts';
import type { EngineEvent } from '../../../../src-shared/engine/events.ts';
import { createBuiltinRegistry } from '../../../../src-shared/nodes/builtin.ts';
import { validateWorkflow } from '../../../../src-shared/workflow/validate.ts';
import type { Workflow } from '../../../../src-shared/workflow/schema.ts';
import { readEvents } from '../../../services/run-log/run-reader.ts';
import { startRedisServer, type RedisServer } from '../../../services/testing/redis-server.ts';
import { createHost, type Host } from '../../host.ts';
import { createRunLauncher } from '../../run-launcher.ts';
import { createQueuedRunLauncher, type QueuedRunLauncher } from '../queued-launcher.ts';
import { closeRedis, connectRedis } from '../redis-connection.ts';
import { createRunWorker, type RunWorker, type RunWorkerOptions } from '../run-worker.ts';

export const registry = createBuiltinRegistry();
export const WORKSPACE = 'default';

/** A serving host's launcher in queue mode and in-process workers, over a real Redis and a temporary data folder. */
export interface QueueFixture {
  redis: RedisServer;
  dataDir: string;
  launcher: QueuedRunLauncher;
  host: Host;
  /** Every runs.changed the serving host announced, in order. */
  changes: EventPayload<'runs.changed'>[];
  startWorker(options?: Partial<RunWorkerOptions>): Promise<RunWorker>;
  close(): Promise<void>;
}

export async function startQueueFixture(): Promise<QueueFixture> {
  const redis = await startRedisServer();
  const dataDir = await mkdtemp(path.join(tmpdir(), 'operon-queue-'));
  const connections: Redis[] = [];
  const connect = (name: string): Redis => {
    const connection = connectRedis(redis.url, name);
    connection.on('error', () => undefined); // reconnects by itself (the Redis restart test)
    connections.push(connection);
    return connection;
  };
  const host = await createHost({ dataDir, workspace: WORKSPACE, env: {}, registry });
  const changes: EventPayload<'runs.changed'>[] = [];
  const deps = { host: () => Promise.resolve(host), runsChanged: (payload: EventPayload<'runs.changed'>) => changes.push(payload) };
  const launcher = createQueuedRunLauncher({ ...deps, connection: connect('serving host'), local: createRunLauncher(deps) });
  await launcher.ready;
  const workers: RunWorker[] = [];
  return {
    redis,
    dataDir,
    launcher,
    host,
    changes,
    async startWorker(options = {}) {
      const worker = createRunWorker({ connection: connect('worker'), dataDir, env: {}, registry, ...options });
      workers.push(worker);
      await worker.ready;
      return worker;
    },
    async close() {
      await Promise.all(workers.map((worker) => worker.close(0)));
      await launcher.close();
      await host.close();
      await Promise.all(connections.map((connection) => closeRedis(connection)));
      await redis.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

interface NodeSpec {
  id: string;
  type: string;
  config?: Record<string, unknown>;
}

/** A validated workflow from nodes and `from.port -> to.port` edges. */
export function workflowOf(id: string, nodes: NodeSpec[], edges: [string, string][]): Workflow {
  const split = (end: string): [string, string] => {
    const dot = end.lastIndexOf('.');
    return [end.slice(0, dot), end.slice(dot + 1)];
  };
  const checked = validateWorkflow(
    {
      schemaVersion: 1,
      id,
      name: id,
      nodes: nodes.map((node, index) => ({ typeVersion: 1, position: { x: index * 250, y: 0 }, config: {}, ...node })),
      edges: edges.map(([from, to], index) => {
        const [source, sourcePort] = split(from);
        const [target, targetPort] = split(to);
        return { id: `e${index + 1}`, source, sourcePort, target, targetPort };
      }),
    },
    registry,
  );
  if (!checked.ok) throw new Error(checked.problems.map((problem) => problem.message).join('; '));
  return checked.workflow;
}

/**
 * Five nodes, one an HTTP POST to `baseUrl` (trial: the run's `trial` input): start → pay (POST) → shape → stamp → out.
 * With `holdUrl`, `stamp` is a GET to it instead (a gate holds the run there).
 */
export function fiveNodeWorkflow(options: { holdUrl?: string } = {}): Workflow {
  return workflowOf(
    'five',
    [
      { id: 'start', type: 'core.manual-trigger' },
      {
        id: 'pay',
        type: 'core.http-request',
        config: { method: 'POST', url: '{{ $run.baseUrl }}/effect/pay?trial={{ $run.trial }}', body: { order: 7 } },
      },
      { id: 'shape', type: 'core.transform', config: { expression: '{ "paid": $.body.ok }' } },
      options.holdUrl === undefined
        ? { id: 'stamp', type: 'core.transform', config: { expression: '$merge([$, { "stamped": true }])' } }
        : { id: 'stamp', type: 'core.http-request', config: { method: 'GET', url: options.holdUrl } },
      { id: 'out', type: 'core.output', config: { name: 'result' } },
    ],
    [
      ['start.out', 'pay.in'],
      ['pay.out', 'shape.in'],
      ['shape.out', 'stamp.in'],
      ['stamp.out', 'out.in'],
    ],
  );
}

/** The run's logged events, checked whole: seq 0..n with no gap, run.started first. */
export async function wholeLog(dataDir: string, runId: string): Promise<EngineEvent[]> {
  const { events } = await readEvents(path.join(dataDir, 'workspaces', WORKSPACE, 'runs'), runId);
  const top = events.filter((event) => event.runId === runId);
  const seqs = top.map((event) => event.seq);
  const expected = seqs.map((_, index) => index);
  if (JSON.stringify(seqs) !== JSON.stringify(expected)) throw new Error(`run ${runId}: seqs ${seqs.join(',')} have a gap`);
  if (top[0]?.type !== 'run.started') throw new Error(`run ${runId}: starts with ${top[0]?.type ?? 'nothing'}`);
  return top;
}
