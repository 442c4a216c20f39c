import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ApiClient } from '../../src-shared/api/client.ts';
import type { EngineEvent } from '../../src-shared/engine/events.ts';
import { EXAMPLES } from '../cli/testing/run-cli.ts';
import type { TestConnection } from './testing/connect.ts';
import { pushedEvents, serveForTest, waitForEvent, workflowOf } from './testing/test-server.ts';
import { doubling, pausedAt } from './testing/doubling.ts';

// runs.watch over a real WebSocket: one live stream per run and connection, replayed from a seq, then live.

/** start -> first -> t1 … tN (each passes its input on, `expression` in `first`) -> result. */
function chain(id: string, length: number, first = '$') {
  const ids = Array.from({ length }, (_, i) => `t${i + 1}`);
  return workflowOf(
    id,
    [
      { id: 'start', type: 'core.manual-trigger' },
      { id: 'first', type: 'core.transform', config: { expression: first } },
      ...ids.map((node) => ({ id: node, type: 'core.transform', config: { expression: '$' } })),
      { id: 'result', type: 'core.output', config: { name: 'result' } },
    ],
    ['first', ...ids, 'result'].map((node, i, all) => (i === 0 ? 'start.out -> first.in' : `${all[i - 1]}.out -> ${node}.in`)),
  );
}

/** Every logged event of a run (all pages), values resolved. */
async function fullLog(client: ApiClient, runId: string): Promise<EngineEvent[]> {
  const events: EngineEvent[] = [];
  for (let fromSeq: number | null = 0; fromSeq !== null;) {
    const page: { events: EngineEvent[]; nextSeq: number | null } = await client.call('runs.events', { runId, fromSeq, limit: 100 });
    events.push(...page.events);
    fromSeq = page.nextSeq;
  }
  return events;
}

/** The run's events `connection` received, checked to be each seq once from `fromSeq`, in order. */
function inOrder(connection: TestConnection, runId: string, fromSeq = 0): EngineEvent[] {
  const events = pushedEvents(connection, runId);
  expect(events.map((event) => event.seq)).toEqual(events.map((_, i) => fromSeq + i));
  return events;
}

describe('runs.watch: replay, then live', () => {
  it('joins a debug run held at a breakpoint: the log up to the pause, then the live events, each once, in seq order', async () => {
    const control = await serveForTest();
    await control.client.call('workflows.save', { workflow: doubling });
    const { runId } = await control.client.call('runs.start', {
      workflowId: 'doubling',
      inputs: { n: 3 },
      debug: { breakpoints: ['plusOne'] },
    });
    await control.watch(runId);
    await waitForEvent(control, runId, pausedAt(runId, 'plusOne'));

    // Joins between two events: the run is held in this server, its next event comes only after the resume.
    const late = control.connectAnother();
    await late.watch(runId);
    await waitForEvent(late, runId, pausedAt(runId, 'plusOne'));
    const replayed = inOrder(late, runId);
    expect(replayed.at(-1)).toMatchObject({ type: 'node.paused', nodeId: 'plusOne' });

    await control.client.call('runs.resume', { runId, action: 'continue' });
    const end = await late.waitForWatchEnd(runId);
    const all = await fullLog(control.client, runId);
    expect(all.length).toBeGreaterThan(replayed.length);
    expect(inOrder(late, runId)).toEqual(all);
    expect(end).toEqual({ workspace: 'default', runId, reason: 'finished', nextSeq: all.length });
  });

  it('watches a busy run from its start: whatever the interleaving of log and live events, each event once, in order', async () => {
    const connection = await serveForTest();
    await connection.client.call('workflows.save', { workflow: chain('long', 150) });
    const { runId } = await connection.client.call('runs.start', { workflowId: 'long' });
    await connection.watch(runId);
    await connection.waitForWatchEnd(runId);
    expect(inOrder(connection, runId)).toEqual(await fullLog(connection.client, runId));
  });

  it('joins after the end: the whole log, then watchEnded finished; from a later seq, only the rest', async () => {
    const connection = await serveForTest();
    await connection.client.call('workflows.import', { text: await readFile(path.join(EXAMPLES, 'diamond.operon.json'), 'utf8') });
    const { runId } = await connection.client.call('runs.start', { workflowId: 'diamond', inputs: { numbers: [1, 2] } });
    await connection.waitForStatus(runId, 'succeeded');
    expect(connection.runEvents).toEqual([]); // not watched: nothing streamed

    await connection.watch(runId);
    const end = await connection.waitForWatchEnd(runId);
    const all = await fullLog(connection.client, runId);
    expect(inOrder(connection, runId)).toEqual(all);
    expect(end).toEqual({ workspace: 'default', runId, reason: 'finished', nextSeq: all.length });

    const again = connection.connectAnother();
    await again.watch(runId, 5);
    await again.waitForWatchEnd(runId);
    expect(inOrder(again, runId, 5)).toEqual(all.slice(5));
    await expect(again.client.call('runs.watch', { runId: 'r-nope' })).rejects.toMatchObject({ code: 'OPR-150' });
  });
});

describe('runs.watch: only the watched run, only to its watchers', () => {
  it('streams a run to the connections watching it and no other; a sub-workflow’s run is a stream of its own', async () => {
    const a = await serveForTest();
    const idle = a.connectAnother();
    const b = a.connectAnother();
    await a.client.call('workflows.save', { workflow: doubling });
    await a.client.call('workflows.save', {
      workflow: workflowOf(
        'parent',
        [
          { id: 'start', type: 'core.manual-trigger' },
          { id: 'child', type: 'core.sub-workflow', config: { workflow: 'doubling.operon.json', inputs: '{ "n": 5 }' } },
          { id: 'result', type: 'core.output', config: { name: 'result' } },
        ],
        ['start.out -> child.in', 'child.out -> result.in'],
      ),
    });
    const parent = await a.client.call('runs.start', { workflowId: 'parent' });
    await a.watch(parent.runId);
    const other = await a.client.call('runs.start', { workflowId: 'doubling', inputs: { n: 2 } });
    await b.watch(other.runId);
    await a.waitForWatchEnd(parent.runId);
    await b.waitForWatchEnd(other.runId);
    await idle.waitForStatus(parent.runId, 'succeeded');
    await idle.waitForStatus(other.runId, 'succeeded');
    await idle.client.call('workspaces.list', {}); // a round trip: anything sent before its answer has arrived

    expect(idle.runEvents).toEqual([]);
    expect(idle.watchEnds).toEqual([]);
    expect(a.runEvents.every((payload) => payload.runId === parent.runId && payload.event.runId === parent.runId)).toBe(true);
    expect(b.runEvents.every((payload) => payload.runId === other.runId && payload.event.runId === other.runId)).toBe(true);
    expect(inOrder(a, parent.runId)).toEqual(await fullLog(a.client, parent.runId));
    expect(inOrder(b, other.runId)).toEqual(await fullLog(b.client, other.runId));

    // The child run has its own id and log; watched by that id, it streams its own events.
    const { runs } = await a.client.call('runs.list', { workflowId: 'doubling' });
    const child = runs.find((run) => run.runId !== other.runId);
    if (child === undefined) throw new Error('the sub-workflow run is not listed');
    await idle.watch(child.runId);
    await idle.waitForWatchEnd(child.runId);
    const childEvents = inOrder(idle, child.runId);
    expect(childEvents[0]).toMatchObject({ type: 'run.started', parent: { runId: parent.runId, nodeId: 'child' } });
    expect(childEvents.at(-1)).toMatchObject({ type: 'run.finished', outputs: { result: 11 } });
  });

  it('stops streaming a run unwatched mid-run', async () => {
    const connection = await serveForTest();
    await connection.client.call('workflows.save', { workflow: doubling });
    const { runId } = await connection.client.call('runs.start', { workflowId: 'doubling', debug: { breakpoints: ['plusOne'] } });
    await connection.watch(runId);
    await waitForEvent(connection, runId, pausedAt(runId, 'plusOne'));
    const received = connection.runEvents.length;
    expect(await connection.client.call('runs.unwatch', { runId })).toEqual({ watching: true });
    await connection.client.call('runs.resume', { runId, action: 'continue' });
    await connection.waitForStatus(runId, 'succeeded');
    await connection.client.call('workspaces.list', {});
    expect(connection.runEvents).toHaveLength(received);
    expect(connection.watchEnds).toEqual([]);
  });
});

describe('runs.watch: secrets', () => {
  // A secret's value the run never read ($secret would fail the Transform: OPR-190) but was given in its inputs: the
  // recorder, the last line of defence, redacts every value in the store.
  it('streams events with the secret redacted, as logged, in the replayed part and in the live part', async () => {
    const secret = 'tok-0123456789abcdef';
    const control = await serveForTest({ OPERON_SECRET_TOKEN: secret });
    const workflow = workflowOf(
      'secretive',
      [
        { id: 'start', type: 'core.manual-trigger' },
        { id: 'token', type: 'core.transform', config: { expression: `{ "auth": auth, "n": n }` } },
        { id: 'use', type: 'core.transform', config: { expression: 'auth' } },
        { id: 'result', type: 'core.output', config: { name: 'result' } },
      ],
      ['start.out -> token.in', 'token.out -> use.in', 'use.out -> result.in'],
      { type: 'object', properties: { n: { type: 'number', default: 1 }, auth: { type: 'string' } } },
    );
    await control.client.call('workflows.save', { workflow });
    const { runId } = await control.client.call('runs.start', {
      workflowId: 'secretive',
      inputs: { auth: secret },
      debug: { breakpoints: ['use'] },
    });
    await control.watch(runId);
    await waitForEvent(control, runId, pausedAt(runId, 'use'));

    const late = control.connectAnother();
    await late.watch(runId);
    await waitForEvent(late, runId, pausedAt(runId, 'use'));
    const replayed = pushedEvents(late, runId);
    await control.client.call('runs.resume', { runId, action: 'continue' });
    await late.waitForWatchEnd(runId);
    const live = pushedEvents(late, runId).slice(replayed.length);

    const placeholder = '[secret:TOKEN]';
    expect(replayed.find((e) => e.type === 'node.finished' && e.nodeId === 'token')).toMatchObject({
      outputs: { out: { auth: placeholder } },
    });
    expect(live.find((e) => e.type === 'node.started' && e.nodeId === 'use')).toMatchObject({ inputs: { in: { auth: placeholder } } });
    expect(live.at(-1)).toMatchObject({ type: 'run.finished', outputs: { result: placeholder } });
    for (const connection of [control, late]) expect(JSON.stringify(connection.runEvents)).not.toContain(secret);
    // Redacted once, by the recorder: what is streamed is what is logged.
    expect(pushedEvents(late, runId)).toEqual(await fullLog(control.client, runId));
    expect(pushedEvents(control, runId)).toEqual(await fullLog(control.client, runId));
  });
});

describe('runs.watch: a client too slow for its watches', () => {
  it('is told it fell behind once its socket stops reading; watching again from nextSeq recovers every event', async () => {
    // 20 transforms pass a 512 KiB text on: about 21 MB of events, five times what the loopback socket buffers took here
    // (about 4 MB: the server's send buffer grows to tcp_wmem's 4 MiB; the client's receive window stays small, unread).
    // A few events may queue while the first replay waits for the log to be on disk (the run goes on meanwhile).
    const control = await serveForTest({}, { watch: { highWaterBytes: 64 * 1024, maxQueuedEvents: 16 } });
    await control.client.call('workflows.save', { workflow: chain('bulky', 20, '$pad("", 524288, "x")') });
    const { runId } = await control.client.call('runs.start', { workflowId: 'bulky', debug: { breakpoints: ['first'] } });
    const slow = control.connectAnother();
    await slow.watch(runId);
    await waitForEvent(slow, runId, pausedAt(runId, 'first'));

    slow.pauseReading();
    await control.client.call('runs.resume', { runId, action: 'continue' });
    await control.waitForStatus(runId, 'succeeded');
    slow.resumeReading();
    const end = await slow.waitForWatchEnd(runId, 1);
    const delivered = inOrder(slow, runId);
    expect(end).toEqual({ workspace: 'default', runId, reason: 'fellBehind', nextSeq: delivered.length });

    await slow.watch(runId, end.nextSeq);
    expect(await slow.waitForWatchEnd(runId, 2)).toMatchObject({ reason: 'finished' });
    const all = await fullLog(control.client, runId);
    expect(all.length).toBeGreaterThan(end.nextSeq);
    expect(inOrder(slow, runId)).toEqual(all);
  });
});
