/** Renders the memory benchmark's figures as a plain-text table and the goal verdict. */
import type { DataShape } from './memory-data.ts';

/** The goal at 100,000 rows on the 2-core machine. */
export const GOAL = { rows: 100_000, p50Ms: 10, recall: 0.95 };

export interface QueryFigures {
  p50: number;
  p99: number;
  /** Mean recall@10 against exact search; 1 for exact search itself. */
  recall: number;
}

export interface CaseResult {
  shape: DataShape;
  size: number;
  /** Median over the insert runs. */
  insertRowsPerSecond: number;
  compactMs: number;
  exact: QueryFigures;
  /** Undefined when the settings build no index at this size. */
  buildMs: number | undefined;
  indexed: QueryFigures | undefined;
  /** The same index with a bitmap index on the filter column. */
  indexedWithBitmap: QueryFigures | undefined;
}

export interface RunInfo {
  queries: number;
  indexMinRows: number;
  peakRss: number;
  seconds: number;
}

const ms = (value: number): string => value.toFixed(1);
const latency = (figures: QueryFigures | undefined): string => (figures === undefined ? '-' : `${ms(figures.p50)} / ${ms(figures.p99)}`);
const recall = (figures: QueryFigures | undefined): string => (figures === undefined ? '-' : figures.recall.toFixed(3));

function table(header: string[], rows: string[][]): string {
  const widths = header.map((cell, column) => Math.max(cell.length, ...rows.map((row) => row[column]?.length ?? 0)));
  const line = (cells: string[]): string =>
    cells.map((cell, column) => (column < 2 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join('  ');
  return [line(header), widths.map((width) => '-'.repeat(width)).join('  '), ...rows.map(line)].join('\n');
}

function verdict(result: CaseResult, figures: QueryFigures | undefined, label: string): string {
  if (figures === undefined) return `  ${result.shape} ${label}: no index built`;
  const pass = figures.p50 < GOAL.p50Ms && figures.recall >= GOAL.recall;
  return `  ${pass ? 'PASS' : 'FAIL'}  ${result.shape}, ${label}: p50 ${ms(figures.p50)} ms, recall@10 ${figures.recall.toFixed(3)}`;
}

export function renderResults(results: CaseResult[], info: RunInfo): string {
  const rows = results.map((result) => [
    result.shape,
    result.size.toLocaleString('en'),
    Math.round(result.insertRowsPerSecond).toLocaleString('en'),
    ms(result.compactMs),
    latency(result.exact),
    result.buildMs === undefined ? '-' : (result.buildMs / 1000).toFixed(1),
    latency(result.indexed),
    recall(result.indexed),
    latency(result.indexedWithBitmap),
    recall(result.indexedWithBitmap),
  ]);
  const header = [
    'data',
    'rows',
    'insert rows/s',
    'compact ms',
    'exact p50/p99 ms',
    'index build s',
    'index p50/p99 ms',
    'recall@10',
    '+bitmap p50/p99 ms',
    'recall@10',
  ];
  const goalCases = results.filter((result) => result.size === GOAL.rows);
  const verdicts = goalCases.flatMap((result) => [
    verdict(result, result.indexed, 'vector index'),
    verdict(result, result.indexedWithBitmap, 'vector index + bitmap on collection'),
  ]);
  return [
    '',
    `Filtered vector search (collection = 'c3', 10% of rows), ${info.queries} queries per cell; index from ${info.indexMinRows.toLocaleString('en')} rows.`,
    '',
    table(header, rows),
    '',
    `Goal at ${GOAL.rows.toLocaleString('en')} rows: p50 < ${GOAL.p50Ms} ms with recall@10 >= ${GOAL.recall} (chosen on clustered data).`,
    ...(verdicts.length > 0 ? verdicts : [`  not measured: add ${GOAL.rows} to --sizes`]),
    '',
    `Peak RSS ${(info.peakRss / 2 ** 20).toFixed(0)} MB; ${info.seconds.toFixed(0)} s in all.`,
  ].join('\n');
}
