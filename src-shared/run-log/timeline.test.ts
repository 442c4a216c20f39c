import { describe, expect, it } from 'vitest';
import { eventLog, finished, started } from './testing/event-log.ts';
import { RunTimelineSchema } from './timeline-schema.ts';
import { buildTimeline } from './timeline.ts';

const error = { code: 'OPR-108' as const, message: 'HTTP 503' };

describe('buildTimeline', () => {
  it('spans queue, attempts with their errors, and the end of each node', () => {
    const log = eventLog('r1');
    log.add(100, started());
    log.add(101, { type: 'node.queued', nodeId: 'fetch' });
    log.add(105, { type: 'node.started', nodeId: 'fetch', attempt: 1, inputs: {} });
    log.add(110, { type: 'node.retry', nodeId: 'fetch', attempt: 1, error, delayMs: 5 });
    log.add(115, { type: 'node.started', nodeId: 'fetch', attempt: 2, inputs: {} });
    log.add(130, { type: 'node.finished', nodeId: 'fetch', status: 'succeeded', outputs: { out: 1 }, durationMs: 25, attempts: 2 });
    log.add(131, { type: 'node.skipped', nodeId: 'other', reason: 'branch not taken' });
    log.add(140, finished());
    const timeline = buildTimeline('r1', log.events);
    expect(RunTimelineSchema.parse(timeline)).toEqual(timeline);
    expect(timeline).toMatchObject({ runId: 'r1', status: 'succeeded', startedAt: 100, lastAt: 140, warnings: [] });
    expect(timeline.rows).toEqual([
      {
        nodeId: 'fetch',
        status: 'succeeded',
        queuedAt: 101,
        attempts: [
          { attempt: 1, from: 105, to: 110, error },
          { attempt: 2, from: 115, to: 130 },
        ],
        pauses: [],
        waits: [],
        endedAt: 130,
        emitted: ['out'],
      },
      { nodeId: 'other', status: 'skipped', attempts: [], pauses: [], waits: [], endedAt: 131, skippedReason: 'branch not taken' },
    ]);
  });

  it('closes a debug pause when the node starts or its inputs are overridden, and an approval wait at the decision', () => {
    const log = eventLog('r1');
    log.add(0, started());
    log.add(1, { type: 'node.paused', nodeId: 'b', reason: 'breakpoint', inputs: { n: 1 } });
    log.add(7, { type: 'node.override', nodeId: 'b', inputs: { n: 2 }, by: 'ana' });
    log.add(8, { type: 'node.started', nodeId: 'b', attempt: 1, inputs: { n: 2 } });
    log.add(9, { type: 'node.finished', nodeId: 'b', status: 'succeeded', outputs: {}, durationMs: 1, attempts: 1 });
    log.add(10, { type: 'node.paused', nodeId: 'ok', reason: 'step', inputs: {} });
    log.add(12, { type: 'node.started', nodeId: 'ok', attempt: 1, inputs: {} });
    log.add(13, { type: 'node.waiting', nodeId: 'ok', request: { title: 'Approve?', message: '' } });
    log.add(14, { type: 'run.waiting', pending: [{ nodeId: 'ok', request: { title: 'Approve?', message: '' } }] });
    const waiting = buildTimeline('r1', log.events);
    expect(waiting.status).toBe('waiting');
    expect(waiting.rows.find((row) => row.nodeId === 'ok')).toMatchObject({
      status: 'waiting',
      pauses: [{ from: 10, to: 12 }],
      attempts: [{ attempt: 1, from: 12, to: 13 }],
      waits: [{ from: 13 }],
    });
    log.add(50, { type: 'run.resumed' });
    expect(buildTimeline('r1', log.events).status).toBe('running');
    log.add(51, { type: 'node.decision', nodeId: 'ok', decision: { decision: 'approved', by: 'ana', at: 51 } });
    log.add(60, finished());
    const timeline = buildTimeline('r1', log.events);
    expect(timeline.rows.map((row) => [row.nodeId, row.pauses, row.waits])).toEqual([
      ['b', [{ from: 1, to: 7 }], []],
      ['ok', [{ from: 10, to: 12 }], [{ from: 13, to: 51 }]],
    ]);
    expect(timeline.rows.map((row) => row.decision)).toEqual([undefined, 'approved']);
  });

  it('a run cancelled at a pause closes the pause at its end; the node never ran', () => {
    const log = eventLog('r1');
    log.add(0, started());
    log.add(1, { type: 'node.paused', nodeId: 'b', reason: 'step', inputs: {} });
    expect(buildTimeline('r1', log.events).rows[0]).toMatchObject({ status: 'paused', pauses: [{ from: 1 }] });
    log.add(9, finished('cancelled'));
    expect(buildTimeline('r1', log.events).rows[0]).toMatchObject({ status: 'pending', pauses: [{ from: 1, to: 9 }], attempts: [] });
  });

  it('marks reused nodes with their source and ignores the events of child runs', () => {
    const log = eventLog('r2');
    log.add(0, started());
    log.add(1, { type: 'node.reused', nodeId: 'a', outputs: { out: 1 }, from: { kind: 'run', runId: 'r1' } });
    log.add(2, { type: 'node.reused', nodeId: 'p', outputs: {}, from: { kind: 'pin' } });
    const child = eventLog('child');
    child.add(3, { type: 'node.started', nodeId: 'inner', attempt: 1, inputs: {} });
    const timeline = buildTimeline('r2', [...log.events, ...child.events]);
    expect(timeline.rows).toEqual([
      { nodeId: 'a', status: 'reused', attempts: [], pauses: [], waits: [], endedAt: 1, reusedFrom: { kind: 'run', runId: 'r1' } },
      { nodeId: 'p', status: 'reused', attempts: [], pauses: [], waits: [], endedAt: 2, reusedFrom: { kind: 'pin' } },
    ]);
    expect(timeline.lastAt).toBe(2);
  });

  it('warns about a log without its run.started', () => {
    const log = eventLog('r1');
    log.add(5, { type: 'node.queued', nodeId: 'a' });
    expect(buildTimeline('r1', log.events)).toMatchObject({ startedAt: 5, warnings: [expect.stringMatching(/no run.started/)] });
  });
});
