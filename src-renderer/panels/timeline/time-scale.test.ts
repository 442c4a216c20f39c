import { describe, expect, it } from 'vitest';
import type { TimelineRow } from '../../../src-shared/run-log/timeline-schema.ts';
import { axisTicks, percentAt, rowBars, timeScale } from './time-scale.ts';

describe('timeScale and percentAt', () => {
  it('maps times to percent of the run, clamped', () => {
    const scale = timeScale(1000, 2000);
    expect(percentAt(scale, 1000)).toBe(0);
    expect(percentAt(scale, 1250)).toBe(25);
    expect(percentAt(scale, 5000)).toBe(100);
    expect(percentAt(scale, 0)).toBe(0);
  });

  it('is at least 1 ms wide', () => {
    expect(timeScale(5, 5)).toEqual({ start: 5, end: 6 });
  });
});

describe('rowBars', () => {
  const scale = timeScale(0, 1000);

  it('draws the queue wait, each attempt (failed ones marked) and a wait for approval', () => {
    const row: TimelineRow = {
      nodeId: 'fetch',
      status: 'waiting',
      queuedAt: 100,
      attempts: [
        { attempt: 1, from: 200, to: 300, error: { code: 'OPR-108', message: 'HTTP 503' } },
        { attempt: 2, from: 500, to: 600 },
      ],
      pauses: [],
      waits: [{ from: 600 }],
    };
    expect(rowBars(row, scale)).toEqual([
      { kind: 'queued', left: 10, width: 10, from: 100, to: 200, open: false },
      { kind: 'failed-attempt', left: 20, width: 10, from: 200, to: 300, attempt: 1, error: 'OPR-108: HTTP 503', open: false },
      { kind: 'attempt', left: 50, width: 10, from: 500, to: 600, attempt: 2, open: false },
      { kind: 'wait', left: 60, width: 40, from: 600, to: 1000, open: true },
    ]);
  });

  it('draws a debug pause and no queue bar when the node started as it was queued', () => {
    const row: TimelineRow = {
      nodeId: 'n',
      status: 'running',
      queuedAt: 100,
      attempts: [{ attempt: 1, from: 300 }],
      pauses: [{ from: 100, to: 300 }],
      waits: [],
    };
    expect(rowBars(row, scale).map((bar) => bar.kind)).toEqual(['pause', 'attempt']);
  });
});

describe('axisTicks', () => {
  it('uses round steps', () => {
    expect(axisTicks(1000, 5)).toEqual([0, 200, 400, 600, 800, 1000]);
    expect(axisTicks(7, 8)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(axisTicks(45_000, 4)).toEqual([0, 20_000, 40_000]);
    expect(axisTicks(0)).toEqual([0]);
  });
});
