import type { TimelineRow } from '../../../src-shared/run-log/timeline-schema.ts';

/** A run's time range as the timeline draws it: `start` at 0 %, `end` at 100 %. */
export interface TimeScale {
  start: number;
  end: number;
}

/** The scale for a run from `startedAt` to `endAt` (at least 1 ms wide, so a run of instant nodes still draws). */
export function timeScale(startedAt: number, endAt: number): TimeScale {
  return { start: startedAt, end: Math.max(endAt, startedAt + 1) };
}

/** Where a time sits on the scale, in percent of the width (clamped to 0-100). */
export function percentAt(scale: TimeScale, at: number): number {
  const ratio = (at - scale.start) / (scale.end - scale.start);
  return Math.min(100, Math.max(0, ratio * 100));
}

/** One bar of a row: its kind, where it starts and how wide it is (percent), and its times relative to the run's start. */
export interface Bar {
  kind: 'queued' | 'attempt' | 'failed-attempt' | 'pause' | 'wait';
  left: number;
  width: number;
  /** Milliseconds from the run's start. */
  from: number;
  to: number;
  /** The attempt number (attempt bars). */
  attempt?: number;
  /** Why the attempt failed. */
  error?: string;
  /** Whether the span was still open (drawn to the scale's end). */
  open: boolean;
}

/**
 * A timeline row's bars: the wait in the queue (from queued to the first attempt), each attempt (failed ones marked),
 * debug pauses and waits for approval. Open spans end at the scale's end (now, for a live run).
 */
export function rowBars(row: TimelineRow, scale: TimeScale): Bar[] {
  const bars: Bar[] = [];
  const add = (kind: Bar['kind'], span: { from: number; to?: number }, extra: Partial<Bar> = {}) => {
    const to = span.to ?? scale.end;
    const left = percentAt(scale, span.from);
    bars.push({
      kind,
      left,
      width: Math.max(0, percentAt(scale, to) - left),
      from: span.from - scale.start,
      to: to - scale.start,
      open: span.to === undefined,
      ...extra,
    });
  };
  // The queue wait ends when the node is held, starts or settles, whichever comes first.
  const ends = [row.pauses[0]?.from, row.attempts[0]?.from, row.endedAt].filter((at) => at !== undefined);
  const firstStart = ends.length === 0 ? undefined : Math.min(...ends);
  if (row.queuedAt !== undefined && (firstStart === undefined || firstStart > row.queuedAt)) {
    add('queued', { from: row.queuedAt, ...(firstStart === undefined ? {} : { to: firstStart }) });
  }
  for (const pause of row.pauses) add('pause', pause);
  for (const attempt of row.attempts) {
    const { error } = attempt;
    add(error === undefined ? 'attempt' : 'failed-attempt', attempt, {
      attempt: attempt.attempt,
      ...(error === undefined ? {} : { error: `${error.code}: ${error.message}` }),
    });
  }
  for (const wait of row.waits) add('wait', wait);
  return bars;
}

/**
 * Round tick marks for an axis `durationMs` wide: steps of 1, 2 or 5 × 10^n ms, at most `maxTicks` of them, 0 first.
 */
export function axisTicks(durationMs: number, maxTicks = 8): number[] {
  if (!(durationMs > 0)) return [0];
  const rough = durationMs / Math.max(1, maxTicks);
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= rough) ?? 10 * magnitude;
  const ticks: number[] = [];
  for (let at = 0; at <= durationMs + 1e-9; at += step) ticks.push(Math.round(at * 1000) / 1000);
  return ticks;
}
