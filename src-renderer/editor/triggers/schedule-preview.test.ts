import { describe, expect, it } from 'vitest';
import { CRON_PRESETS, schedulePreview, scheduleSpecOf } from './schedule-preview.ts';
import { matchingZones, timeZoneChoices, zoneOffset } from './time-zones.ts';

const at = (iso: string) => Date.parse(iso);

describe('the schedule preview', () => {
  it("lists the next five fire times in the schedule's zone and in the viewer's", () => {
    const spec = scheduleSpecOf({ cron: '0 0 9 * * 1-5', timezone: 'Europe/Berlin' });
    const preview = schedulePreview(spec, at('2026-12-03T09:00:00Z'), 'America/New_York');
    expect(preview.problem).toBeUndefined();
    expect(preview.times).toHaveLength(5);
    expect(preview.times[0]).toEqual({
      at: at('2026-12-04T08:00:00Z'),
      inZone: 'Fri, 4 Dec 2026, 09:00:00',
      local: 'Fri, 4 Dec 2026, 03:00:00',
      localShort: '03:00:00',
    });
    // Another day in the viewer's zone: the day is named.
    const honolulu = schedulePreview(spec, at('2026-12-03T09:00:00Z'), 'Pacific/Honolulu');
    expect(honolulu.times[0]?.localShort).toBe('Thu 3 Dec, 22:00:00');
    // Weekdays only: Friday, then Monday.
    expect(preview.times[1]?.at).toBe(at('2026-12-07T08:00:00Z'));
  });

  it('names the problem in words instead of times', () => {
    const bad = schedulePreview(scheduleSpecOf({ cron: '0 61 * * *' }), 0, 'UTC');
    expect(bad.times).toEqual([]);
    expect(bad.problem).toEqual({ path: 'cron', message: expect.stringContaining('"0 61 * * *"') });
    const zone = schedulePreview(scheduleSpecOf({ timezone: 'Mars/Olympus' }), 0, 'UTC');
    expect(zone.problem?.path).toBe('timezone');
  });

  it("counts an interval in the viewer's zone", () => {
    const preview = schedulePreview(scheduleSpecOf({ mode: 'interval', everySeconds: 900 }), at('2026-12-03T10:07:00Z'), 'UTC', 2);
    expect(preview.times.map((t) => t.at)).toEqual([at('2026-12-03T10:15:00Z'), at('2026-12-03T10:30:00Z')]);
  });

  it('offers presets that are all valid schedules', () => {
    for (const preset of CRON_PRESETS) {
      expect(schedulePreview(scheduleSpecOf({ cron: preset.cron }), 0, 'UTC').times).toHaveLength(5);
    }
  });
});

describe('time zones', () => {
  const supported = ['Europe/Berlin', 'America/New_York', 'Asia/Tokyo', 'Europe/Paris'];

  it("puts the viewer's own zone first, then UTC, then the rest in order", () => {
    expect(timeZoneChoices('Europe/Paris', supported)).toEqual(['Europe/Paris', 'UTC', 'America/New_York', 'Asia/Tokyo', 'Europe/Berlin']);
    expect(timeZoneChoices('UTC', supported)[0]).toBe('UTC');
  });

  it('finds zones by words of their name', () => {
    expect(matchingZones(supported, 'new york')).toEqual(['America/New_York']);
    expect(matchingZones(supported, 'europe')).toEqual(['Europe/Berlin', 'Europe/Paris']);
    expect(matchingZones(supported, '')).toEqual(supported);
  });

  it("says a zone's offset from UTC", () => {
    expect(zoneOffset('Asia/Tokyo', at('2026-12-03T00:00:00Z'))).toBe('UTC+09:00');
    expect(zoneOffset('UTC', 0)).toBe('UTC+00:00');
    expect(zoneOffset('Mars/Olympus', 0)).toBeUndefined();
  });
});
