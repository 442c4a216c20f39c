import { describe, expect, it, onTestFinished } from 'vitest';
import type { EngineEvent } from '../../../src-shared/engine/events.ts';
import { tempDir } from '../../services/test-support.ts';
import { createApiHandlers, type ApiHandlers } from './api-handlers.ts';
import type { ApiConnection, ApiSink, PushedEvent } from './api-sink.ts';
import type { WatchLimitOptions } from './watch-limits.ts';

// runs.watch at the API layer, with sinks the test controls: a connection whose transport reports a backlog and never
// drains is the deterministic slow client.

/** start -> approve (waits) -> t1 … tN (transforms) -> result: after the decision, 3 events a transform. */
function approvalThenChain(length: number) {
  const ids = Array.from({ length }, (_, i) => `t${i + 1}`);
  const chain = ['approve', ...ids, 'result'];
  return {
    schemaVersion: 1 as const,
    id: 'gated',
    name: 'Gated chain',
    nodes: [
      { id: 'start', type: 'core.manual-trigger', config: {} },
      { id: 'approve', type: 'core.approval', config: { title: 'Go?', message: 'go on' } },
      ...ids.map((id) => ({ id, type: 'core.transform', config: { expression: '$' } })),
      { id: 'result', type: 'core.output', config: { name: 'result' } },
    ].map((node, i) => ({ ...node, typeVersion: 1, position: { x: i * 100, y: 0 } })),
    edges: [
      { id: 'e0', source: 'start', sourcePort: 'out', target: 'approve', targetPort: 'in' },
      ...chain.slice(1).map((target, i) => ({
        id: `e${i + 1}`,
        source: chain[i] ?? '',
        sourcePort: i === 0 ? 'approved' : 'out',
        target,
        targetPort: 'in',
      })),
    ],
  };
}

/** A sink that keeps what it is sent; its backlog is whatever the test says. */
interface TestSink {
  sink: ApiSink;
  messages: PushedEvent[];
  backlog: number;
  events(runId: string): EngineEvent[];
  /** Resolves once `predicate` holds for the messages (checked on each push). */
  waitFor(predicate: (messages: PushedEvent[]) => boolean): Promise<void>;
}

function testSink(): TestSink {
  const waiters = new Set<() => void>();
  const state: TestSink = {
    messages: [],
    backlog: 0,
    sink: {
      push(message) {
        state.messages.push(message);
        for (const check of waiters) check();
      },
      backlog: () => state.backlog,
    },
    events: (runId) => state.messages.flatMap((m) => (m.event === 'run.event' && m.payload.runId === runId ? [m.payload.event] : [])),
    waitFor: (predicate) =>
      new Promise((resolve) => {
        const check = (): void => {
          if (!predicate(state.messages)) return;
          waiters.delete(check);
          resolve();
        };
        waiters.add(check);
        check();
      }),
  };
  return state;
}

const changedTo = (runId: string, status: string) => (messages: PushedEvent[]) =>
  messages.some((m) => m.event === 'runs.changed' && m.payload.runId === runId && m.payload.status === status);
const watchEnded =
  (runId: string, count = 1) =>
  (messages: PushedEvent[]) =>
    messages.filter((m) => m.event === 'run.watchEnded' && m.payload.runId === runId).length >= count;
const ends = (sink: TestSink) => sink.messages.flatMap((m) => (m.event === 'run.watchEnded' ? [m.payload] : []));

async function setUp(watch: WatchLimitOptions = {}): Promise<{ api: ApiHandlers; control: ApiConnection; controlSink: TestSink }> {
  const api = createApiHandlers({ dataDir: await tempDir(), env: {}, watch });
  onTestFinished(() => api.close());
  const controlSink = testSink();
  const control = api.connect(controlSink.sink);
  await control.handle('workflows.save', { workflow: approvalThenChain(10) });
  return { api, control, controlSink };
}

/** Starts the gated chain and resolves with its id once it waits for the decision. */
async function startWaiting(control: ApiConnection, controlSink: TestSink): Promise<string> {
  const { runId } = (await control.handle('runs.start', { workflowId: 'gated' })) as { runId: string };
  await controlSink.waitFor(changedTo(runId, 'waiting'));
  return runId;
}

async function fullLog(control: ApiConnection, runId: string): Promise<EngineEvent[]> {
  return ((await control.handle('runs.events', { runId, limit: 5_000 })) as { events: EngineEvent[] }).events;
}

describe('runs.watch at the API layer', () => {
  it('tells a client that never drains it fell behind, past the queue bound; watching again from nextSeq recovers every event', async () => {
    const { api, control, controlSink } = await setUp({ highWaterBytes: 100, maxQueuedEvents: 3 });
    const runId = await startWaiting(control, controlSink);
    const slowSink = testSink();
    const slow = api.connect(slowSink.sink);
    expect(await slow.handle('runs.watch', { runId })).toEqual({ runId });
    await slowSink.waitFor((messages) => messages.some((m) => m.event === 'run.event' && m.payload.event.type === 'run.waiting'));
    const replayed = slowSink.events(runId);
    expect(replayed.map((e) => e.seq)).toEqual(replayed.map((_, i) => i));

    slowSink.backlog = 1_000; // the client stops reading, and never drains
    await control.handle('runs.decide', { runId, decision: 'approved' });
    await slowSink.waitFor(watchEnded(runId));
    expect(ends(slowSink)).toEqual([{ workspace: 'default', runId, reason: 'fellBehind', nextSeq: replayed.length }]);
    await controlSink.waitFor(changedTo(runId, 'succeeded'));
    // Nothing after the watch ended (runs.changed still comes), and nothing was delivered beyond what nextSeq says.
    expect(slowSink.messages.filter((m) => m.event !== 'runs.changed').at(-1)).toMatchObject({ event: 'run.watchEnded' });
    expect(slowSink.events(runId)).toEqual(replayed);

    slowSink.backlog = 0; // caught up: watch again from where it stopped
    await slow.handle('runs.watch', { runId, fromSeq: replayed.length });
    await slowSink.waitFor(watchEnded(runId, 2));
    const all = await fullLog(control, runId);
    expect(all.length).toBeGreaterThan(replayed.length + 30);
    expect(slowSink.events(runId)).toEqual(all);
    expect(ends(slowSink)[1]).toEqual({ workspace: 'default', runId, reason: 'finished', nextSeq: all.length });
  });

  it('queues live events while the transport is behind, and sends them in order once it reports a write with room', async () => {
    const { api, control, controlSink } = await setUp({ highWaterBytes: 100 });
    const runId = await startWaiting(control, controlSink);
    const slowSink = testSink();
    const slow = api.connect(slowSink.sink);
    await slow.handle('runs.watch', { runId });
    await slowSink.waitFor((messages) => messages.some((m) => m.event === 'run.event' && m.payload.event.type === 'run.waiting'));
    const before = slowSink.events(runId).length;

    slowSink.backlog = 101;
    await control.handle('runs.decide', { runId, decision: 'approved' });
    await controlSink.waitFor(changedTo(runId, 'succeeded'));
    expect(slowSink.events(runId)).toHaveLength(before); // all queued
    slow.written(); // a write, but still no room: nothing moves
    expect(slowSink.events(runId)).toHaveLength(before);

    slowSink.backlog = 0;
    slow.written();
    expect(slowSink.events(runId)).toEqual(await fullLog(control, runId));
    expect(ends(slowSink)).toEqual([{ workspace: 'default', runId, reason: 'finished', nextSeq: slowSink.events(runId).length }]);
  });

  it('replays a finished run from any seq, restarts a watch watched again, and ends past the end at once', async () => {
    const { api, control, controlSink } = await setUp();
    const runId = await startWaiting(control, controlSink);
    await control.handle('runs.decide', { runId, decision: 'rejected' });
    await controlSink.waitFor(changedTo(runId, 'succeeded'));
    const all = await fullLog(control, runId);

    const sink = testSink();
    const connection = api.connect(sink.sink);
    await connection.handle('runs.watch', { runId, fromSeq: 3 });
    await sink.waitFor(watchEnded(runId));
    await connection.handle('runs.watch', { runId, fromSeq: 0 });
    await sink.waitFor(watchEnded(runId, 2));
    await connection.handle('runs.watch', { runId, fromSeq: all.length + 5 });
    await sink.waitFor(watchEnded(runId, 3));
    expect(sink.events(runId)).toEqual([...all.slice(3), ...all]);
    expect(ends(sink).map((end) => [end.reason, end.nextSeq])).toEqual([
      ['finished', all.length],
      ['finished', all.length],
      ['finished', all.length + 5],
    ]);
  });

  it('fails for an unknown run (OPR-150); unwatch says whether the run was watched; a closed connection gets nothing more', async () => {
    const { api, control, controlSink } = await setUp();
    const sink = testSink();
    const connection = api.connect(sink.sink);
    await expect(connection.handle('runs.watch', { runId: 'no-such-run' })).rejects.toMatchObject({ code: 'OPR-150' });
    expect(await connection.handle('runs.unwatch', { runId: 'no-such-run' })).toEqual({ watching: false });

    const runId = await startWaiting(control, controlSink);
    await connection.handle('runs.watch', { runId });
    await sink.waitFor((messages) => messages.some((m) => m.event === 'run.event' && m.payload.event.type === 'run.waiting'));
    expect(await connection.handle('runs.unwatch', { runId })).toEqual({ watching: true });
    expect(await connection.handle('runs.unwatch', { runId })).toEqual({ watching: false });
    await connection.handle('runs.watch', { runId, fromSeq: sink.events(runId).length });
    connection.close();
    const pushed = sink.messages.length;
    await control.handle('runs.decide', { runId, decision: 'approved' });
    await controlSink.waitFor(changedTo(runId, 'succeeded'));
    expect(sink.messages).toHaveLength(pushed);
    expect(ends(sink)).toEqual([]);
  });

  it('an unwatch sent right behind a watch, before the watch answers, leaves the run unwatched', async () => {
    const { api, control, controlSink } = await setUp();
    const runId = await startWaiting(control, controlSink);
    const sink = testSink();
    const connection = api.connect(sink.sink);
    const watching = connection.handle('runs.watch', { runId });
    expect(await connection.handle('runs.unwatch', { runId })).toEqual({ watching: true });
    expect(await watching).toEqual({ runId });
    await control.handle('runs.decide', { runId, decision: 'approved' });
    await controlSink.waitFor(changedTo(runId, 'succeeded'));
    await sink.waitFor(changedTo(runId, 'succeeded'));
    expect(sink.events(runId)).toEqual([]);
    expect(ends(sink)).toEqual([]);
  });
});
