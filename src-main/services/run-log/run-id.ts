import { randomInt } from 'node:crypto';

/** The format of ids made by {@link newRunId}: `YYYYMMDD-HHMMSS-xxxxxx` (UTC time, then 6 random base36 characters). */
export const RUN_ID_PATTERN = /^\d{8}-\d{6}-[0-9a-z]{6}$/;

/**
 * What the run store accepts as a run id (it is a folder name): letters, digits, `_`, `-` and `.`, at most 128,
 * not starting with `.` or `-`. Ids made by {@link newRunId} always match; hosts and tests may use other readable ids.
 * Nothing matching it can name `.`, `..` or a path with a separator.
 */
export const SAFE_RUN_ID_PATTERN = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;

/** Whether `runId` may name a run folder (see {@link SAFE_RUN_ID_PATTERN}). */
export function isSafeRunId(runId: string): boolean {
  return SAFE_RUN_ID_PATTERN.test(runId);
}

const RANDOM_RANGE = 36 ** 6;

/**
 * A new run id, sortable by start time and readable: `20261121-083415-k3j9x2`.
 * @param now - milliseconds since the epoch (or a Date); the id uses its UTC date and time to the second.
 */
export function newRunId(now: number | Date = Date.now()): string {
  const iso = new Date(now).toISOString(); // 2026-11-21T08:34:15.123Z
  const date = iso.slice(0, 10).replaceAll('-', '');
  const time = iso.slice(11, 19).replaceAll(':', '');
  const random = randomInt(RANDOM_RANGE).toString(36).padStart(6, '0');
  return `${date}-${time}-${random}`;
}
