import { describe, expect, it } from 'vitest';
import { formatCost, formatDateTime, formatDuration, formatOffset } from './run-labels.ts';

describe('run labels', () => {
  it('formats durations from milliseconds to hours', () => {
    expect(formatDuration(850)).toBe('850 ms');
    expect(formatDuration(1250)).toBe('1.25 s');
    expect(formatDuration(42_000)).toBe('42.0 s');
    expect(formatDuration(184_000)).toBe('3 min 04 s');
    expect(formatDuration(7_500_000)).toBe('2 h 05 min');
    expect(formatDuration(-1)).toBe('–');
    expect(formatOffset(-5)).toBe('+0 ms');
  });

  it('formats local times and costs', () => {
    const at = new Date(2026, 4, 4, 13, 7, 9, 42).getTime();
    expect(formatDateTime(at)).toBe('2026-05-04 13:07:09.042');
    expect(formatCost(0.0042)).toBe('$0.0042');
    expect(formatCost(1.5)).toBe('$1.50');
    expect(formatCost(null)).toBe('no price');
  });
});
