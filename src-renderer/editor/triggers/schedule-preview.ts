import { nextFireTimes, scheduleProblems, type ScheduleSpec } from '../../../src-shared/triggers/schedule.ts';

/** Schedules a person picks instead of writing cron (six fields: seconds first). */
export const CRON_PRESETS: readonly { label: string; cron: string }[] = [
  { label: 'Every minute', cron: '0 * * * * *' },
  { label: 'Every hour, on the hour', cron: '0 0 * * * *' },
  { label: 'Every day at 09:00', cron: '0 0 9 * * *' },
  { label: 'Weekdays at 09:00', cron: '0 0 9 * * 1-5' },
  { label: 'The first of the month at 09:00', cron: '0 0 9 1 * *' },
];

/** One upcoming fire time, as read in the schedule's time zone and in the viewer's. */
export interface FireTime {
  at: number;
  /** "Fri 4 Dec 2026, 09:00:30" in the schedule's zone. */
  inZone: string;
  /** The same instant in the viewer's zone. */
  local: string;
  /** The same instant in the viewer's zone, short: the time of day, with the day when it is another day there. */
  localShort: string;
}

export interface SchedulePreview {
  times: FireTime[];
  /** Why the schedule cannot fire, in words; the field it concerns. */
  problem?: { path: 'cron' | 'timezone' | 'everySeconds'; message: string };
}

/** The next `count` fire times after `now`, or the schedule's first problem. */
export function schedulePreview(spec: ScheduleSpec, now: number, viewerZone: string, count = 5): SchedulePreview {
  const [problem] = scheduleProblems(spec);
  if (problem !== undefined) return { times: [], problem };
  const zone = spec.mode === 'cron' ? spec.timezone : viewerZone;
  return {
    times: nextFireTimes(spec, now, count).map((at) => ({
      at,
      inZone: formatIn(at, zone),
      local: formatIn(at, viewerZone),
      localShort: dayOf(at, zone) === dayOf(at, viewerZone) ? timeOf(at, viewerZone) : formatShort(at, viewerZone),
    })),
  };
}

/** A config as the Schedule trigger stores it (fields left empty are its defaults). */
export function scheduleSpecOf(config: Record<string, unknown>): ScheduleSpec {
  return {
    mode: config.mode === 'interval' ? 'interval' : 'cron',
    cron: typeof config.cron === 'string' ? config.cron : '0 0 9 * * 1-5',
    timezone: typeof config.timezone === 'string' ? config.timezone : 'UTC',
    everySeconds: typeof config.everySeconds === 'number' ? config.everySeconds : 3600,
  };
}

const formats = new Map<string, Intl.DateTimeFormat>();

/** "Fri 4 Dec 2026, 09:00:30" in a time zone (24-hour, English, so every viewer reads the same shape). */
export function formatIn(at: number, timeZone: string): string {
  let format = formats.get(timeZone);
  if (format === undefined) {
    format = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      weekday: 'short',
      day: 'numeric',
      month: 'short',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    formats.set(timeZone, format);
  }
  return format.format(at);
}

const dayOf = (at: number, timeZone: string) => new Intl.DateTimeFormat('en-CA', { timeZone, dateStyle: 'short' }).format(at);
const timeOf = (at: number, timeZone: string) =>
  new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' }).format(at);

/** "Fri 4 Dec, 09:00:30" in a time zone: what the workflow list and the preview show where room is short. */
export function formatShort(at: number, timeZone: string): string {
  const date = new Intl.DateTimeFormat('en-GB', { timeZone, weekday: 'short', day: 'numeric', month: 'short' }).format(at);
  return `${date.replace(',', '')}, ${timeOf(at, timeZone)}`;
}
