import { describe, expect, it } from 'vitest';
import type { TimelineRow } from '../../../src-shared/run-log/timeline-schema.ts';
import { nodeStatesFromTimeline } from './node-states.ts';

const row = (nodeId: string, rest: Partial<TimelineRow>): TimelineRow => ({
  nodeId,
  status: 'succeeded',
  attempts: [],
  pauses: [],
  waits: [],
  ...rest,
});

describe('nodeStatesFromTimeline', () => {
  it('gives each reached node its status, last attempt, error and duration; pending nodes get none', () => {
    const states = nodeStatesFromTimeline([
      row('fetch', {
        status: 'succeeded',
        attempts: [
          { attempt: 1, from: 100, to: 150, error: { code: 'OPR-108', message: 'HTTP 503' } },
          { attempt: 2, from: 400, to: 420 },
        ],
        endedAt: 420,
      }),
      row('parse', {
        status: 'failed',
        attempts: [{ attempt: 1, from: 430, to: 440, error: { code: 'OPR-999', message: 'boom' } }],
        endedAt: 440,
      }),
      row('later', { status: 'pending' }),
    ]);
    expect(states).toEqual({
      fetch: { status: 'succeeded', attempt: 2, durationMs: 320 },
      parse: { status: 'failed', attempt: 1, durationMs: 10, error: { code: 'OPR-102', message: 'boom' } },
    });
  });

  it('keeps why a node was skipped, where reused outputs came from, and a pause', () => {
    const states = nodeStatesFromTimeline([
      row('off', { status: 'skipped', skippedReason: 'disabled', endedAt: 5 }),
      row('pinned', { status: 'reused', reusedFrom: { kind: 'run', runId: 'r1' }, endedAt: 5 }),
      row('held', { status: 'paused', pauses: [{ from: 9 }] }),
      row('asks', { status: 'waiting', attempts: [{ attempt: 1, from: 1, to: 2 }], waits: [{ from: 2 }] }),
    ]);
    expect(states.off).toEqual({ status: 'skipped', reason: 'disabled' });
    expect(states.pinned).toEqual({ status: 'reused', reusedFrom: { kind: 'run', runId: 'r1' } });
    expect(states.held).toEqual({ status: 'paused' });
    expect(states.asks).toEqual({ status: 'waiting', attempt: 1 });
  });

  it("keeps a person's decision and the ports a node emitted (a rejected approval, the path taken)", () => {
    const states = nodeStatesFromTimeline([
      row('approve', { attempts: [{ attempt: 1, from: 1, to: 2 }], endedAt: 2, decision: 'rejected', emitted: ['rejected'] }),
    ]);
    expect(states.approve).toEqual({ status: 'succeeded', attempt: 1, durationMs: 1, decision: 'rejected', emitted: ['rejected'] });
  });
});
