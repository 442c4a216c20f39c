import type { LogMode, RunMeasure } from './bench-run.ts';

/** What one child process measured: one scenario in one log mode. */
export interface CaseResult {
  caseId: string;
  mode: LogMode;
  nodes: number;
  validateMs: number;
  runs: RunMeasure[];
}

/** A scenario the bench runs; its workflow is built in the child process that measures it. */
export interface BenchCase {
  id: string;
  label: string;
  /** Not held to the nodes-per-second goal (it measures something else: the start flushes of side effects). */
  noGoal?: true;
}

interface Spread {
  median: number;
  min: number;
  max: number;
}

function spread(values: number[]): Spread {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (index: number): number => sorted[index] ?? Number.NaN;
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? at(mid) : (at(mid - 1) + at(mid)) / 2;
  return { median, min: at(0), max: at(sorted.length - 1) };
}

const int = (value: number): string => Math.round(value).toLocaleString('en-US');
const mb = (bytes: number): string => `${Math.round(bytes / 2 ** 20)} MB`;
const ms = (value: number): string => (value < 10 ? value.toFixed(1) : int(value));

/** The median RSS peak and the median growth over the RSS at the start of the run: `190 MB (+75)`. */
function rssPeak(runs: readonly RunMeasure[]): string {
  const windows = runs.flatMap((run) => (run.rss === undefined ? [] : [run.rss]));
  if (windows.length === 0) return 'n/a';
  const peak = spread(windows.map((w) => w.peak)).median;
  const growth = spread(windows.map((w) => w.peak - w.start)).median;
  return `${mb(peak)} (+${Math.round(growth / 2 ** 20)})`;
}

/** Medians of a case: times, rates and memory. */
export function summarize(result: CaseResult): { runMs: Spread; totalMs: Spread; rateRun: Spread; rateTotal: Spread; usPerNode: number } {
  const rate = (key: 'runMs' | 'totalMs'): Spread => spread(result.runs.map((run) => (result.nodes / run[key]) * 1000));
  const totalMs = spread(result.runs.map((run) => run.totalMs));
  return {
    runMs: spread(result.runs.map((run) => run.runMs)),
    totalMs,
    rateRun: rate('runMs'),
    rateTotal: rate('totalMs'),
    usPerNode: (totalMs.median * 1000) / result.nodes,
  };
}

/** The results as a Markdown table (medians, with the min–max of the headline rate), ready for the README. */
export function renderTable(cases: readonly BenchCase[], results: readonly CaseResult[]): string {
  const lines = [
    '| scenario | logs | nodes | nodes/s to result | nodes/s incl. close (min–max) | µs/node | run ms | close ms | RSS peak | maxRSS | heap peak |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const benchCase of cases) {
    for (const result of results.filter((r) => r.caseId === benchCase.id)) {
      const s = summarize(result);
      const memory = (pick: (run: RunMeasure) => number | undefined): string => {
        const values = result.runs.map(pick).filter((value) => value !== undefined);
        return values.length === 0 ? 'n/a' : mb(spread(values).median);
      };
      const maxRssNote = result.runs.every((run) => run.memory.maxRssReset) ? '' : ' (process)';
      const closeMs = spread(result.runs.map((run) => run.totalMs - run.runMs)).median;
      lines.push(
        `| ${benchCase.label} | ${result.mode} | ${int(result.nodes)} | ${int(s.rateRun.median)} | ${int(s.rateTotal.median)} (${int(s.rateTotal.min)}–${int(s.rateTotal.max)}) | ` +
          `${s.usPerNode.toFixed(1)} | ${ms(s.runMs.median)} | ${ms(closeMs)} | ${rssPeak(result.runs)} | ${memory((run) => run.memory.maxRss)}${maxRssNote} | ${memory((run) => run.memory.heapUsed)} |`,
      );
    }
  }
  return lines.join('\n');
}

/** One line per scenario: what logging costs, as a ratio of the median times and in µs per node. */
export function renderLogCost(cases: readonly BenchCase[], results: readonly CaseResult[]): string[] {
  const lines: string[] = [];
  for (const benchCase of cases) {
    const on = results.find((r) => r.caseId === benchCase.id && r.mode === 'on');
    const off = results.find((r) => r.caseId === benchCase.id && r.mode === 'off');
    if (on === undefined || off === undefined) continue;
    const a = summarize(on);
    const b = summarize(off);
    lines.push(
      `${benchCase.label}: logs on takes ${(a.totalMs.median / b.totalMs.median).toFixed(1)}× the time of logs off ` +
        `(${a.usPerNode.toFixed(1)} vs ${b.usPerNode.toFixed(1)} µs/node: logging adds ${(a.usPerNode - b.usPerNode).toFixed(1)} µs/node)`,
    );
  }
  return lines;
}

/** Whether each scenario meets the goal of `goal` nodes per second with logs on (median, close included). */
export function renderGoal(cases: readonly BenchCase[], results: readonly CaseResult[], goal: number): string[] {
  return cases.flatMap((benchCase) => {
    const on = results.find((r) => r.caseId === benchCase.id && r.mode === 'on');
    if (on === undefined || benchCase.noGoal === true) return [];
    const rate = summarize(on).rateTotal.median;
    return [`${rate >= goal ? 'MET   ' : 'MISSED'} ${benchCase.label}: ${int(rate)} nodes/s with logs on (goal ${int(goal)})`];
  });
}

/** Every measured run's time (startRun → close), in order: the spread the medians hide. */
export function renderRaw(cases: readonly BenchCase[], results: readonly CaseResult[]): string[] {
  return cases.flatMap((benchCase) =>
    results
      .filter((r) => r.caseId === benchCase.id)
      .map((r) => `${benchCase.label}, logs ${r.mode}: ${r.runs.map((run) => ms(run.totalMs)).join(', ')} ms`),
  );
}
