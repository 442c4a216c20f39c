// How run times, durations and costs read in the viewer panels.

/** `850 ms`, `1.25 s`, `42.0 s`, `3 min 04 s`, `2 h 05 min`. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '–';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 10_000) return `${(ms / 1000).toFixed(2)} s`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 60) return `${minutes} min ${pad(Math.floor((ms % 60_000) / 1000))} s`;
  return `${Math.floor(minutes / 60)} h ${pad(minutes % 60)} min`;
}

/** A time offset from a run's start: `+0 ms`, `+1.25 s`. */
export function formatOffset(ms: number): string {
  return `+${formatDuration(Math.max(0, ms))}`;
}

/** Local date and time to the second, `2026-05-04 13:07:09`. */
export function formatDateTime(ms: number): string {
  const date = new Date(ms);
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${formatClock(ms)}`;
}

/** Local time of day with milliseconds, `13:07:09.042`. */
export function formatClock(ms: number): string {
  const date = new Date(ms);
  return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}.${String(date.getMilliseconds()).padStart(3, '0')}`;
}

/** `$0.0042`; null (a model with no price) reads "no price". */
export function formatCost(usd: number | null): string {
  if (usd === null) return 'no price';
  return `$${usd < 0.01 ? usd.toPrecision(2) : usd.toFixed(2)}`;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
