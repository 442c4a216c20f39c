import type { Redis } from 'ioredis';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createBuiltinRegistry } from '../../src-shared/nodes/builtin.ts';
import type { EngineEvent } from '../../src-shared/engine/events.ts';
import { createQueuedRunLauncher } from '../host/queue/queued-launcher.ts';
import { closeRedis, connectRedis } from '../host/queue/redis-connection.ts';
import { createRunWorker, type RunWorker } from '../host/queue/run-worker.ts';
import { tempDir } from '../services/test-support.ts';
import { startGate, type Gate } from '../services/testing/gate.ts';
import { redisSkipReason, startRedisServer, type RedisServer } from '../services/testing/redis-server.ts';
import { startServer, type RunningServer } from './server.ts';
import { connectApi } from './testing/connect.ts';
import { pushedEvents, waitForEvent, workflowOf } from './testing/test-server.ts';

const skip = redisSkipReason();
if (skip !== undefined) console.warn(skip);

// The editor's road in queue mode: a real `operon serve --queue` (server, WebSocket API) enqueues, a worker sharing its
// data folder runs, and a client watching the run over the socket sees every event live, then the run's end.
describe.skipIf(skip !== undefined)('queue mode: watching a run a worker executes', () => {
  let redis: RedisServer;
  let gate: Gate;
  let server: RunningServer;
  let worker: RunWorker;
  const connections: Redis[] = [];
  beforeEach(async () => {
    redis = await startRedisServer();
    gate = await startGate({ ok: true });
    const dataDir = await tempDir();
    const connect = (name: string): Redis => {
      const connection = connectRedis(redis.url, name);
      connections.push(connection);
      return connection;
    };
    server = await startServer({
      dataDir,
      staticDir: dataDir,
      env: {},
      queue: { launcher: (deps) => createQueuedRunLauncher({ ...deps, connection: connect('serve') }) },
    });
    worker = createRunWorker({ connection: connect('worker'), dataDir, env: {}, registry: createBuiltinRegistry() });
    await worker.ready;
  });
  afterEach(async () => {
    await worker.close(0);
    await server.close();
    await Promise.all(connections.splice(0).map((connection) => closeRedis(connection)));
    await gate.close();
    await redis.close();
  });

  it('streams every event live, each once and in order, and runs.changed as the worker starts and ends it', async () => {
    const editor = connectApi(server);
    await editor.client.call('workflows.save', {
      workflow: workflowOf(
        'held',
        [
          { id: 'start', type: 'core.manual-trigger' },
          { id: 'first', type: 'core.transform', config: { expression: '{ "n": 1 }' } },
          { id: 'wait', type: 'core.http-request', config: { method: 'GET', url: gate.url } },
          { id: 'out', type: 'core.output', config: { name: 'answer' } },
        ],
        ['start.out -> first.in', 'first.out -> wait.in', 'wait.out -> out.in'],
      ),
    });
    const { runId } = await editor.client.call('runs.start', { workflowId: 'held' });
    await editor.watch(runId);
    await editor.waitForStatus(runId, 'queued');
    // Held at the gate in the worker: what the editor has by now came live, while the run goes on elsewhere.
    await gate.requested(1);
    await waitForEvent(editor, runId, (event) => event.type === 'node.started' && event.nodeId === 'wait');
    expect(pushedEvents(editor, runId).some((event) => event.type === 'run.finished')).toBe(false);
    await editor.waitForStatus(runId, 'running');
    gate.open();
    await editor.waitForWatchEnd(runId);
    await editor.waitForStatus(runId, 'succeeded');
    const pushed = pushedEvents(editor, runId);
    const logged: { events: EngineEvent[] } = await editor.client.call('runs.events', { runId, fromSeq: 0, limit: 1000 });
    expect(pushed.map((event) => event.seq)).toEqual(pushed.map((_, index) => index));
    expect(pushed).toEqual(logged.events);
    expect(pushed.at(-1)).toMatchObject({ type: 'run.finished', status: 'succeeded' });
    expect(await editor.client.call('runs.get', { runId })).toMatchObject({ run: { status: 'succeeded' } });
    editor.transport.close();
  });
});
