import { Cron } from 'croner';

/** A schedule as the Schedule trigger's config has it. */
export interface ScheduleSpec {
  mode: 'cron' | 'interval';
  /** Five fields, or six with seconds first (`0 30 9 * * 1-5`); croner's syntax (`L`, `#`, nicknames like `@daily`). */
  cron: string;
  /** An IANA time zone (`Europe/Berlin`); cron fields are read in it. */
  timezone: string;
  /** With mode interval: seconds between ticks, counted from the Unix epoch (so a restart keeps the same ticks). */
  everySeconds: number;
}

/** At most this many fire times are worked out in one call (the editor shows five; catching up needs one). */
const MAX_TIMES = 100;

/** Why a time zone is refused, or undefined for one `Intl` knows. */
export function timezoneProblem(timezone: string): string | undefined {
  try {
    new Intl.DateTimeFormat('en', { timeZone: timezone });
    return undefined;
  } catch {
    return `unknown time zone ${JSON.stringify(timezone)}: use an IANA name such as "UTC" or "Europe/Berlin"`;
  }
}

/** Why a cron expression is refused (croner's reason), or undefined when it parses. */
export function cronProblem(cron: string, timezone = 'UTC'): string | undefined {
  if (cron.trim() === '') return 'the cron expression is empty';
  try {
    new Cron(cron, { paused: true, timezone });
    return undefined;
  } catch (error) {
    return `cron expression ${JSON.stringify(cron)}: ${error instanceof Error ? error.message : String(error)}`;
  }
}

/** Problems with a schedule, by config field; empty when it can fire. */
export function scheduleProblems(spec: ScheduleSpec): { path: 'cron' | 'timezone' | 'everySeconds'; message: string }[] {
  if (spec.mode === 'interval')
    return Number.isInteger(spec.everySeconds) && spec.everySeconds > 0
      ? []
      : [{ path: 'everySeconds', message: 'the interval must be a whole number of seconds, at least 1' }];
  const zone = timezoneProblem(spec.timezone);
  if (zone !== undefined) return [{ path: 'timezone', message: zone }];
  const cron = cronProblem(spec.cron, spec.timezone);
  return cron === undefined ? [] : [{ path: 'cron', message: cron }];
}

/**
 * The next `count` fire times strictly after `after` (ms since the epoch), earliest first; fewer when the schedule
 * ends (a cron for a date in the past) and none for a schedule with problems. Pure: the caller's clock says `after`.
 */
export function nextFireTimes(spec: ScheduleSpec, after: number, count: number): number[] {
  const wanted = Math.min(Math.max(0, Math.floor(count)), MAX_TIMES);
  if (wanted === 0 || scheduleProblems(spec).length > 0) return [];
  if (spec.mode === 'interval') {
    const step = spec.everySeconds * 1000;
    const first = (Math.floor(after / step) + 1) * step;
    return Array.from({ length: wanted }, (_, i) => first + i * step);
  }
  const cron = new Cron(spec.cron, { paused: true, timezone: spec.timezone });
  return cron.nextRuns(wanted, new Date(after)).map((date) => date.getTime());
}

/** The last fire time at or before `at` and after `since` (a tick missed while stopped), or undefined. */
export function lastFireTimeBetween(spec: ScheduleSpec, since: number, at: number): number | undefined {
  if (at <= since || scheduleProblems(spec).length > 0) return undefined;
  if (spec.mode === 'interval') {
    const step = spec.everySeconds * 1000;
    const last = Math.floor(at / step) * step;
    return last > since ? last : undefined;
  }
  // croner looks back from `at` in one step (walking forward from `since` took about 10 s per day of downtime for a
  // per-second cron); a run in the same second before its reference counts, so at + 1 ms takes a tick exactly at `at`.
  const cron = new Cron(spec.cron, { paused: true, timezone: spec.timezone });
  const last = cron.previousRuns(1, new Date(at + 1))[0]?.getTime();
  return last !== undefined && last > since ? last : undefined;
}
