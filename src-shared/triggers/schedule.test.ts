import { describe, expect, it } from 'vitest';
import { lastFireTimeBetween, nextFireTimes, scheduleProblems, type ScheduleSpec } from './schedule.ts';

const cron = (expression: string, timezone = 'UTC'): ScheduleSpec => ({ mode: 'cron', cron: expression, timezone, everySeconds: 60 });
const at = (iso: string) => Date.parse(iso);
const iso = (times: number[]) => times.map((time) => new Date(time).toISOString());

describe('schedules', () => {
  it('works out the next fire times of a cron with seconds, in its time zone', () => {
    // 09:00:30 on weekdays in Berlin (UTC+1 in December): Friday the 4th, then Monday the 7th.
    const times = nextFireTimes(cron('30 0 9 * * 1-5', 'Europe/Berlin'), at('2026-12-03T09:00:00Z'), 3);
    expect(iso(times)).toEqual(['2026-12-04T08:00:30.000Z', '2026-12-07T08:00:30.000Z', '2026-12-08T08:00:30.000Z']);
  });

  it('counts fixed intervals from the epoch, so a restart keeps the same ticks', () => {
    const spec: ScheduleSpec = { mode: 'interval', cron: '', timezone: 'UTC', everySeconds: 900 };
    expect(iso(nextFireTimes(spec, at('2026-12-03T10:07:00Z'), 2))).toEqual(['2026-12-03T10:15:00.000Z', '2026-12-03T10:30:00.000Z']);
  });

  it('names what is wrong: a bad cron field, an unknown time zone', () => {
    expect(scheduleProblems(cron('0 61 * * *'))).toEqual([{ path: 'cron', message: expect.stringContaining('"0 61 * * *"') }]);
    expect(scheduleProblems(cron('0 9 * * *', 'Mars/Olympus'))).toEqual([
      { path: 'timezone', message: expect.stringContaining('unknown time zone "Mars/Olympus"') },
    ]);
    expect(scheduleProblems(cron(''))).toEqual([{ path: 'cron', message: 'the cron expression is empty' }]);
    expect(nextFireTimes(cron('nonsense'), 0, 5)).toEqual([]);
  });

  it('finds the last tick missed between a stop and a start, or none', () => {
    const hourly = cron('0 0 * * * *');
    expect(lastFireTimeBetween(hourly, at('2026-12-03T08:30:00Z'), at('2026-12-03T11:10:00Z'))).toBe(at('2026-12-03T11:00:00Z'));
    expect(lastFireTimeBetween(hourly, at('2026-12-03T08:30:00Z'), at('2026-12-03T08:59:59Z'))).toBeUndefined();
    // A per-second cron over a day's downtime, or a month's, finds the last one without walking every tick.
    expect(lastFireTimeBetween(cron('* * * * * *'), at('2026-12-02T00:00:00Z'), at('2026-12-03T00:00:00.500Z'))).toBe(
      at('2026-12-03T00:00:00Z'),
    );
    expect(lastFireTimeBetween(cron('* * * * * *', 'Europe/Berlin'), at('2026-11-01T00:00:00Z'), at('2026-12-01T10:00:00.250Z'))).toBe(
      at('2026-12-01T10:00:00Z'),
    );
    // A tick exactly at the start counts; one exactly at the stop was fired before it, so it is not missed.
    const daily = cron('15 0 9 * * *', 'Europe/Berlin');
    expect(lastFireTimeBetween(daily, at('2026-03-28T08:00:15Z'), at('2026-03-29T07:00:15Z'))).toBe(at('2026-03-29T07:00:15Z'));
    expect(lastFireTimeBetween(daily, at('2026-03-29T07:00:15Z'), at('2026-03-30T07:00:14.999Z'))).toBeUndefined();
  });
});
