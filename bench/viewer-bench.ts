/**
 * The run viewer on a big run: `npm run bench:viewer` (node bench/viewer-bench.ts).
 *
 * A benchmark, not a test: it prints figures and fails only when an answer is wrong. It starts `operon serve` (the
 * e2e fixture) over a temporary data folder, saves a fan-out of --nodes transforms (10,000 by default, laid on a
 * grid) and records one run of it through the API, once per process. Then per repetition, on a fresh page in headless
 * Chromium (1440×900, the e2e viewport), it opens the workflow, shows History and measures:
 *   - opening the run: from the pointerdown on its History row to the first frame with the shown-run banner naming
 *     it and a `succeeded` badge on every node the canvas renders;
 *   - the Timeline tab: from the pointerdown on the tab to the first frame with the run's first row;
 *   - timeline rows in the DOM, the most seen in any frame: the rows are windowed, so it fails past a few screenfuls;
 *   - scrolling the timeline: the mouse wheel down the rows for --seconds, 100 px a notch, each sent once the page
 *     has taken the one before (8 ms apart at least); frame times are requestAnimationFrame intervals in the page, as
 *     the editor bench takes them, up to the last frame that moved, and "moved" is the interval between frames in
 *     which the rows moved (how often the list followed the wheel);
 *   - the last row's trace: scrolled to the end, from the pointerdown on the run's last timeline row to the first
 *     frame whose trace names that node, says `succeeded` and shows its output;
 *   - the API calls the page made while opening the run (count and bytes per call, from the WebSocket frames). It
 *     fails if the page called `runs.events` at any step: the viewer must not read a run's whole log.
 * Times are medians of the runs; a run's frame median and p95 are over its own frames.
 *
 *   --runs N       repetitions (default 3)
 *   --nodes N      transforms in the fan-out (default 10000)
 *   --seconds S    seconds of scrolling (default 2)
 *   --build        run `electron-vite build` first even when out/renderer/index.html exists
 */
import os from 'node:os';
import { parseArgs } from 'node:util';
import type { Browser, Page } from 'playwright-core';
import { formatBytes } from '../src-shared/run-log/value-ref.ts';
import { dockTabId, historyRowId, rfNodeId, timelineRowId, VIEWER_IDS, workflowListItemId } from '../src-renderer/test-ids.ts';
import { connectApi } from '../e2e/fixtures/api.ts';
import type { ServedOperon } from '../e2e/fixtures/serve.ts';
import { BENCH_INPUTS, fanOutWorkflow } from './bench-workflows.ts';
import { withServedBrowser } from './served-browser.ts';
import { PAGE_SCRIPT } from './viewer-page.ts';

const VIEWPORT = { width: 1440, height: 900 };
const WHEEL_INTERVAL_MS = 8;
const WHEEL_DELTA = 100;
/** Windowed rows are a screenful plus overscan (a few dozen): more than this means the list is not windowed. */
const MAX_ROWS_IN_DOM = 200;
const STEP_TIMEOUT_MS = 60_000;
const RECORD_TIMEOUT_MS = 600_000;

const { values: args } = parseArgs({
  options: {
    runs: { type: 'string', default: '3' },
    nodes: { type: 'string', default: '10000' },
    seconds: { type: 'string', default: '2' },
    build: { type: 'boolean', default: false },
  },
});
const RUNS = positiveInt(args.runs, '--runs');
const NODES = positiveInt(args.nodes, '--nodes');
const SECONDS = Number(args.seconds);

function positiveInt(text: string, name: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer, got ${text}`);
  return value;
}

type Phase = 'setup' | 'open' | 'timeline' | 'scroll' | 'trace';
interface CallRecord {
  call: string;
  phase: Phase;
  bytes: number;
}
interface RunResult {
  openMs: number;
  timelineMs: number;
  rowsInDom: number;
  frameMedian: number;
  frameP95: number;
  /** Intervals between frames in which the rows moved (ms): how often the timeline followed the wheel. */
  movedMedian: number;
  scrolledPx: number;
  wheelHz: number;
  traceMs: number;
  calls: CallRecord[];
}
/** The recorded run, as the API's timeline tells it. */
interface Recorded {
  runId: string;
  workflowId: string;
  rows: number;
  firstNode: string;
  lastNode: string;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

function quantile(values: number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const at = (sorted.length - 1) * q;
  const low = sorted[Math.floor(at)] ?? Number.NaN;
  const high = sorted[Math.ceil(at)] ?? Number.NaN;
  return low + (high - low) * (at - Math.floor(at));
}
const median = (values: number[]): number => quantile(values, 0.5);

/** Saves the fan-out, runs it to the end through the API and checks its timeline: every node ran and succeeded. */
async function record(served: ServedOperon): Promise<Recorded> {
  const bench = fanOutWorkflow(NODES, 64);
  // On a grid, so the canvas is not one column a million pixels high.
  const nodes = bench.workflow.nodes.map((node, i) => ({ ...node, position: { x: 250 * (i % 100), y: 120 * Math.floor(i / 100) } }));
  const workflow = { ...bench.workflow, nodes };
  const api = connectApi(served);
  try {
    await api.client.call('workflows.save', { workspace: 'default', workflow });
    const started = performance.now();
    const { runId } = await api.client.call('runs.start', { workspace: 'default', workflowId: workflow.id, inputs: BENCH_INPUTS });
    for (;;) {
      const [entry] = (await api.client.call('runs.list', { workspace: 'default', workflowId: workflow.id, limit: 1 })).runs;
      if (entry?.kind === 'run' && entry.runId === runId && entry.status !== 'running') {
        if (entry.status !== 'succeeded') throw new Error(`the bench run ${runId} ended ${entry.status}`);
        break;
      }
      if (performance.now() - started > RECORD_TIMEOUT_MS) throw new Error(`the bench run ${runId} did not end in ${RECORD_TIMEOUT_MS} ms`);
      await sleep(200);
    }
    const seconds = (performance.now() - started) / 1000;
    const timeline = await api.client.call('runs.timeline', { workspace: 'default', runId });
    const failed = timeline.rows.filter((row) => row.status !== 'succeeded').length;
    if (timeline.rows.length !== bench.nodes || failed > 0)
      throw new Error(`the timeline has ${timeline.rows.length} rows (expected ${bench.nodes}), ${failed} not succeeded`);
    const firstNode = timeline.rows[0]?.nodeId ?? '';
    const lastNode = timeline.rows.at(-1)?.nodeId ?? '';
    console.log(`viewer bench: recorded run ${runId} of ${bench.nodes} nodes in ${seconds.toFixed(1)} s; ${RUNS} runs…`);
    return { runId, workflowId: workflow.id, rows: bench.nodes, firstNode, lastNode };
  } finally {
    api.close();
  }
}

/** Every API call the page makes, by the phase it was made in, with the bytes of its answer (WebSocket frames). */
function watchCalls(page: Page, phase: () => Phase): CallRecord[] {
  const calls: CallRecord[] = [];
  const pending = new Map<unknown, { call: string; phase: Phase }>();
  const parse = (payload: string | Buffer): { id?: unknown; call?: unknown } | undefined => {
    try {
      return JSON.parse(String(payload)) as { id?: unknown; call?: unknown };
    } catch {
      return undefined; // not a message of the API protocol
    }
  };
  page.on('websocket', (socket) => {
    socket.on('framesent', ({ payload }) => {
      const message = parse(payload);
      if (typeof message?.call === 'string') pending.set(message.id, { call: message.call, phase: phase() });
    });
    socket.on('framereceived', ({ payload }) => {
      const message = parse(payload);
      const request = message === undefined ? undefined : pending.get(message.id);
      if (request === undefined) return;
      pending.delete(message?.id);
      calls.push({ ...request, bytes: typeof payload === 'string' ? Buffer.byteLength(payload) : payload.length });
    });
  });
  return calls;
}

/**
 * Runs `act` (a click), then waits for the first frame in which the page's `__viewerBench[check](...params)` holds:
 * ms from the pointerdown. (A function, not source text: the page's CSP forbids evaluating strings.)
 */
async function timeTo(page: Page, what: string, act: () => Promise<void>, check: string, ...params: string[]): Promise<number> {
  await page.evaluate('window.__viewerBench.t0 = null');
  await act();
  const handle = await page
    .waitForFunction(
      ([name, values]) => {
        const bench = (globalThis as unknown as { __viewerBench: Record<string, (...args: string[]) => boolean> }).__viewerBench;
        return bench[name]?.(...values) === true ? performance.now() : 0;
      },
      [check, params] as const,
      { polling: 'raf', timeout: STEP_TIMEOUT_MS },
    )
    .catch((error: unknown) => {
      throw new Error(
        `${what}: not done within ${STEP_TIMEOUT_MS} ms (${error instanceof Error ? error.message.split('\n')[0] : String(error)})`,
      );
    });
  const doneAt = Number(await handle.jsonValue());
  await handle.dispose();
  const t0 = await page.evaluate<number | null>('window.__viewerBench.t0');
  if (t0 === null) throw new Error(`${what}: the click was not seen in the page`);
  return doneAt - t0;
}

/** Wheels the mouse down over the timeline for SECONDS while the page records frames. */
async function scroll(
  page: Page,
): Promise<Pick<RunResult, 'frameMedian' | 'frameP95' | 'movedMedian' | 'scrolledPx' | 'wheelHz'> & { maxRows: number }> {
  const box = await page.getByTestId(VIEWER_IDS.timelineScroller).boundingBox();
  if (box === null) throw new Error('the timeline scroller is not on the page');
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.evaluate('window.__viewerBench.startFrames()');
  const began = performance.now();
  let wheels = 0;
  while (performance.now() - began < SECONDS * 1000) {
    await page.mouse.wheel(0, WHEEL_DELTA);
    wheels++;
    await sleep(began + wheels * WHEEL_INTERVAL_MS - performance.now());
  }
  await sleep(300); // the last wheel's frames
  const recorded = await page.evaluate<[number, number, number][]>('window.__viewerBench.stopFrames()');
  const movedAt = (i: number): boolean => i > 0 && recorded[i]?.[1] !== recorded[i - 1]?.[1];
  // Up to the last frame that moved: the idle frames after the wheel stops would flatter the figures.
  const frames = recorded.slice(0, recorded.findLastIndex((_, i) => movedAt(i)) + 1);
  const intervals = frames.slice(1).map(([t], i) => t - (frames[i]?.[0] ?? t));
  const moved = frames.filter((_, i) => movedAt(i)).map(([t]) => t);
  const movedIntervals = moved.slice(1).map((t, i) => t - (moved[i] ?? t));
  return {
    frameMedian: median(intervals),
    frameP95: quantile(intervals, 0.95),
    movedMedian: median(movedIntervals),
    scrolledPx: (frames.at(-1)?.[1] ?? 0) - (frames[0]?.[1] ?? 0),
    wheelHz: wheels / SECONDS,
    maxRows: Math.max(0, ...recorded.map(([, , rows]) => rows)),
  };
}

async function oneRun(browser: Browser, url: string, run: Recorded): Promise<RunResult> {
  const context = await browser.newContext({ viewport: VIEWPORT });
  try {
    await context.addInitScript({ content: PAGE_SCRIPT });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    let phase: Phase = 'setup';
    const calls = watchCalls(page, () => phase);
    await page.goto(url);
    await page.getByTestId(workflowListItemId(run.workflowId)).click({ timeout: STEP_TIMEOUT_MS });
    await page
      .locator(`[data-testid^="${rfNodeId('')}"]`)
      .first()
      .waitFor({ timeout: STEP_TIMEOUT_MS });
    await page.getByTestId(dockTabId('history')).click();
    const historyRow = page.getByTestId(historyRowId(run.runId));
    await historyRow.waitFor({ timeout: STEP_TIMEOUT_MS });
    await sleep(500);

    phase = 'open';
    const openMs = await timeTo(page, 'opening the run', () => historyRow.click(), 'runShown', run.runId);
    await sleep(500); // calls still going out belong to opening the run

    phase = 'timeline';
    const timelineMs = await timeTo(
      page,
      'the Timeline tab',
      () => page.getByTestId(dockTabId('timeline')).click(),
      'rowShown',
      run.firstNode,
    );
    const info = await page.evaluate<{ rows: number; range: number }>('window.__viewerBench.scrollerInfo()');
    if (info.rows !== run.rows) throw new Error(`the timeline says ${info.rows} rows, the run has ${run.rows} nodes`);
    const rowsAtFirst = await page.evaluate<number>('window.__viewerBench.rowsInDom()');
    await sleep(500);

    phase = 'scroll';
    const scrolled = await scroll(page);
    const expectedPx = Math.min(info.range, 0.5 * WHEEL_DELTA * scrolled.wheelHz * SECONDS);
    if (scrolled.scrolledPx < expectedPx)
      throw new Error(`the wheel scrolled the timeline ${Math.round(scrolled.scrolledPx)} px, expected at least ${Math.round(expectedPx)}`);
    const middle = await page.evaluate<string | null>('window.__viewerBench.rowAtMiddle()');
    if (middle === null) throw new Error('after scrolling, no timeline row is drawn across the middle of the list');
    const rowsInDom = Math.max(rowsAtFirst, scrolled.maxRows, await page.evaluate<number>('window.__viewerBench.rowsInDom()'));
    if (rowsInDom === 0 || rowsInDom > MAX_ROWS_IN_DOM)
      throw new Error(`${rowsInDom} timeline rows in the DOM for a run of ${run.rows} nodes (expected 1-${MAX_ROWS_IN_DOM})`);

    phase = 'trace';
    await page.evaluate('window.__viewerBench.scrollToEnd()');
    const lastRow = page.getByTestId(timelineRowId(run.lastNode));
    await lastRow.waitFor({ timeout: STEP_TIMEOUT_MS });
    await sleep(300);
    const traceMs = await timeTo(
      page,
      `the trace of ${run.lastNode}`,
      () => lastRow.click(),
      'traceShown',
      run.lastNode,
      JSON.stringify(BENCH_INPUTS.n + 1),
    );
    await sleep(300);

    const events = calls.filter((c) => c.call === 'runs.events');
    if (events.length > 0) throw new Error(`the page called runs.events ${events.length}× (${events.map((c) => c.phase).join(', ')})`);
    if (errors.length > 0) throw new Error(`the page threw: ${errors.join('; ')}`);
    return { openMs, timelineMs, rowsInDom, traceMs, calls, ...scrolled };
  } finally {
    await context.close();
  }
}

const ms = (value: number, digits = 0): string =>
  `${value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits })} ms`;

/** Calls per name in one phase: [name, calls, bytes] with medians over the runs. */
function callsIn(results: RunResult[], phase: Phase): [string, number, number][] {
  const names = [...new Set(results.flatMap((r) => r.calls.filter((c) => c.phase === phase).map((c) => c.call)))].sort();
  return names.map((name) => {
    const mine = results.map((r) => r.calls.filter((c) => c.phase === phase && c.call === name));
    return [name, median(mine.map((c) => c.length)), median(mine.map((c) => c.reduce((sum, call) => sum + call.bytes, 0)))];
  });
}

function report(results: RunResult[], run: Recorded, chromiumVersion: string): void {
  const each = (pick: (r: RunResult) => number, format: (v: number) => string): string =>
    `| ${format(median(results.map(pick)))} | ${results.map((r) => format(pick(r))).join(' / ')} |`;
  const rows = run.rows.toLocaleString('en-US');
  console.log(`\n# Operon run viewer bench\n`);
  console.log(`A run of a fan-out of ${rows} nodes opened from History; medians of ${results.length} runs, each on a fresh page.`);
  console.log(
    `Headless Chromium ${chromiumVersion}, software rendering (--disable-gpu), ${VIEWPORT.width}×${VIEWPORT.height}, ` +
      `${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown CPU'}); load average at the end ` +
      `${os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(' / ')}.\n`,
  );
  console.log('| step | median | each run |\n|---|--:|---|');
  console.log(`| open the run from History (banner, statuses on the canvas) ${each((r) => r.openMs, ms)}`);
  console.log(`| Timeline tab until its first row shows ${each((r) => r.timelineMs, ms)}`);
  console.log(`| timeline rows in the DOM (of ${rows}) ${each((r) => r.rowsInDom, String)}`);
  const frameMs = (v: number): string => ms(v, 1);
  console.log(`| scrolling the timeline ${SECONDS} s: frame time median ${each((r) => r.frameMedian, frameMs)}`);
  console.log(`| scrolling the timeline ${SECONDS} s: frame time p95 ${each((r) => r.frameP95, frameMs)}`);
  console.log(`| scrolling: time between frames in which the rows moved, median ${each((r) => r.movedMedian, frameMs)}`);
  console.log(`| click the last row (${run.lastNode}) until its trace shows ${each((r) => r.traceMs, ms)}`);
  console.log(
    `\nScrolled ${Math.round(median(results.map((r) => r.scrolledPx))).toLocaleString('en-US')} px at ` +
      `${Math.round(median(results.map((r) => r.wheelHz)))} wheel events a second (medians; each of ${WHEEL_DELTA} px, sent when the ` +
      'page has taken the one before, so their rate is how fast the page takes them).\n',
  );
  console.log('| API calls while opening the run | calls | bytes received |\n|---|--:|--:|');
  for (const [name, count, bytes] of callsIn(results, 'open')) console.log(`| ${name} | ${count} | ${formatBytes(bytes)} |`);
  console.log('');
  for (const [phase, label] of [
    ['timeline', 'the Timeline tab'],
    ['scroll', 'scrolling'],
    ['trace', "the last row's trace"],
  ] as const) {
    const later = callsIn(results, phase).map(([name, count, bytes]) => `${name} ${count}× (${formatBytes(bytes)})`);
    console.log(`Calls for ${label}: ${later.length === 0 ? 'none' : later.join(', ')}.`);
  }
  console.log('runs.events (the whole log, page by page) was never called.');
}

async function main(): Promise<void> {
  await withServedBrowser('viewer bench', args.build, async (served, browser) => {
    const run = await record(served);
    const results: RunResult[] = [];
    for (let i = 1; i <= RUNS; i++) {
      const result = await oneRun(browser, served.url, run);
      console.log(
        `  run ${i}: open ${ms(result.openMs)}, timeline ${ms(result.timelineMs)}, ${result.rowsInDom} rows in the DOM, ` +
          `scrolling ${ms(result.frameMedian, 1)} / p95 ${ms(result.frameP95, 1)} a frame, trace ${ms(result.traceMs)}`,
      );
      results.push(result);
    }
    report(results, run, browser.version());
  });
}

await main();
