import { describe, expect, it } from 'vitest';
import type { EngineEvent, EventBody } from '../../../src-shared/engine/events.ts';
import { buildNodeTrace, settledTrace } from './node-trace.ts';

let seq = 0;
const ev = (ts: number, body: EventBody, runId = 'run-1'): EngineEvent => ({ ...body, seq: seq++, ts, runId });
const error = (message: string) => ({ code: 'OPR-108' as const, message, stack: `Error: ${message}\n    at fetch` });

describe('buildNodeTrace', () => {
  it('lists each attempt with its inputs, error and stack, and the outputs it finished with', () => {
    const trace = buildNodeTrace('fetch', [
      ev(100, { type: 'node.queued', nodeId: 'fetch' }),
      ev(110, { type: 'node.started', nodeId: 'fetch', attempt: 1, inputs: { in: { url: 'a' } } }),
      ev(150, { type: 'node.retry', nodeId: 'fetch', attempt: 1, error: error('HTTP 503'), delayMs: 50 }),
      ev(200, { type: 'node.started', nodeId: 'fetch', attempt: 2, inputs: { in: { url: 'a' } } }),
      ev(230, { type: 'node.log', nodeId: 'fetch', level: 'info', message: 'GET a 200' }),
      ev(240, {
        type: 'node.finished',
        nodeId: 'fetch',
        status: 'succeeded',
        outputs: { out: { status: 200 } },
        durationMs: 130,
        attempts: 2,
      }),
      ev(250, { type: 'node.started', nodeId: 'other', attempt: 1, inputs: {} }),
    ]);
    expect(trace.attempts).toEqual([
      {
        attempt: 1,
        startedAt: 110,
        endedAt: 150,
        inputs: { in: { url: 'a' } },
        outcome: 'retried',
        error: error('HTTP 503'),
        retryDelayMs: 50,
      },
      { attempt: 2, startedAt: 200, endedAt: 240, inputs: { in: { url: 'a' } }, outcome: 'succeeded' },
    ]);
    expect(trace.inputs).toEqual({ in: { url: 'a' } });
    expect(trace.inputsFrom).toBe('attempt');
    expect(trace.outputs).toEqual({ out: { status: 200 } });
    expect(trace.row?.status).toBe('succeeded');
    expect(trace.row?.queuedAt).toBe(100);
    expect(trace.logs.map((log) => log.message)).toEqual(['GET a 200']);
  });

  it('keeps a failure, an approval with its decision, and an override of a paused node', () => {
    const trace = buildNodeTrace('ask', [
      ev(1, { type: 'node.paused', nodeId: 'ask', reason: 'breakpoint', inputs: { in: 1 } }),
      ev(2, { type: 'node.override', nodeId: 'ask', inputs: { in: 2 }, by: 'ann' }),
      ev(3, { type: 'node.started', nodeId: 'ask', attempt: 1, inputs: { in: 2 } }),
      ev(4, { type: 'node.waiting', nodeId: 'ask', request: { title: 'OK?', message: 'Send it' } }),
      ev(9, { type: 'node.decision', nodeId: 'ask', decision: { decision: 'rejected', by: 'bob', at: 9, comment: 'no' } }),
      ev(10, { type: 'node.error', nodeId: 'ask', attempt: 1, error: error('rejected'), handling: 'fail' }),
    ]);
    expect(trace.pauses).toHaveLength(1);
    expect(trace.overrides.map((o) => o.by)).toEqual(['ann']);
    expect(trace.inputs).toEqual({ in: 2 });
    expect(trace.approvals).toEqual([
      { request: { title: 'OK?', message: 'Send it' }, waitingAt: 4, decision: { decision: 'rejected', by: 'bob', at: 9, comment: 'no' } },
    ]);
    expect(trace.attempts[0]?.outcome).toBe('failed');
    expect(trace.failure?.error.message).toBe('rejected');
    expect(trace.outputs).toBeUndefined();
  });

  it('shows a paused node the inputs it would start with, and a reused node where its outputs came from', () => {
    const paused = buildNodeTrace('n', [ev(1, { type: 'node.paused', nodeId: 'n', reason: 'step', inputs: { in: 'x' } })]);
    expect(paused.inputs).toEqual({ in: 'x' });
    expect(paused.inputsFrom).toBe('pause');
    const reused = buildNodeTrace('n', [ev(1, { type: 'node.reused', nodeId: 'n', outputs: { out: 5 }, from: { kind: 'pin' } })]);
    expect(reused.reused?.from).toEqual({ kind: 'pin' });
    expect(reused.outputs).toEqual({ out: 5 });
    expect(buildNodeTrace('n', []).row).toBeUndefined();
  });
});

describe('settledTrace', () => {
  const held = buildNodeTrace('n', [ev(1, { type: 'node.paused', nodeId: 'n', reason: 'breakpoint', inputs: {} })]);

  it('says a node still held at a pause when its run ended never started', () => {
    expect(held.row?.status).toBe('paused');
    for (const status of ['cancelled', 'failed', 'succeeded'] as const) {
      const settled = settledTrace(held, status);
      expect(settled.row?.status).toBe('pending');
      expect(settled.pauses).toBe(held.pauses);
    }
    expect(held.row?.status).toBe('paused'); // not changed in place
  });

  it('leaves a live run, and nodes that are not paused, as they are', () => {
    expect(settledTrace(held, 'running')).toBe(held);
    expect(settledTrace(held, 'waiting')).toBe(held);
    const ran = buildNodeTrace('n', [ev(1, { type: 'node.started', nodeId: 'n', attempt: 1, inputs: {} })]);
    expect(settledTrace(ran, 'cancelled')).toBe(ran);
  });
});
