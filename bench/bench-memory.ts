import { readFileSync, writeFileSync } from 'node:fs';
import { getHeapStatistics } from 'node:v8';

/** Peak memory of one measured run, in bytes, as the child process saw it. */
export interface MemoryPeak {
  /** The kernel's peak RSS (`process.resourceUsage().maxRSS`): over the run when it could be reset (Linux), else over the process. */
  maxRss: number;
  maxRssReset: boolean;
  /** Highest V8 heapUsed seen by the samples. */
  heapUsed: number;
}

const SAMPLE_MS = 10;
/** Events between two heap samples: a run of pure nodes never yields to timers, so a timer alone would miss it. */
const EVENTS_PER_SAMPLE = 1024;

/**
 * The child's side of memory measurement: heapUsed every 10 ms and every 1,024 engine events (pass
 * {@link HeapProbe.onEvent} as the run's `onEvent`), and the kernel's peak RSS, reset at `start` on Linux (writing 5 to
 * /proc/self/clear_refs) so it covers the run alone. RSS is sampled from outside by {@link RssSampler}: reading it
 * in-process costs up to 0.4 ms a read here, and a sampling worker thread would add about 18 MB to what it measures.
 */
export class HeapProbe {
  #heap = 0;
  #events = 0;
  #reset = false;
  #timer: NodeJS.Timeout | undefined;

  start(): void {
    globalThis.gc?.();
    this.#reset = resetPeakRss();
    this.#heap = 0;
    this.#events = 0;
    this.sample();
    this.#timer = setInterval(() => this.sample(), SAMPLE_MS);
  }

  /** Counts an event and samples every {@link EVENTS_PER_SAMPLE}: about 30 samples in a 10,000-node run, under 1% of its time. */
  readonly onEvent = (): void => {
    if (++this.#events % EVENTS_PER_SAMPLE === 0) this.sample();
  };

  sample(): void {
    const used = getHeapStatistics().used_heap_size;
    if (used > this.#heap) this.#heap = used;
  }

  stop(): MemoryPeak {
    clearInterval(this.#timer);
    this.sample();
    return { maxRss: process.resourceUsage().maxRSS * 1024, maxRssReset: this.#reset, heapUsed: this.#heap };
  }
}

/** Resets the kernel's peak-RSS mark of this process (Linux 4.0+); false where that is not possible. */
function resetPeakRss(): boolean {
  if (process.platform !== 'linux') return false;
  try {
    writeFileSync('/proc/self/clear_refs', '5');
    return true;
  } catch {
    return false;
  }
}

/**
 * The parent's side: samples a child's RSS from /proc/<pid>/status every 10 ms (the parent is idle, so the cadence
 * holds while the child's event loop is busy) and keeps the peak of each window between {@link begin} and {@link end}.
 * Linux only: elsewhere {@link available} is false and the peaks are undefined.
 */
export class RssSampler {
  readonly available: boolean;
  readonly #file: string;
  #timer: NodeJS.Timeout | undefined;
  #peak: number | undefined;
  #start: number | undefined;

  constructor(pid: number) {
    this.#file = `/proc/${pid}/status`;
    this.available = readRss(this.#file) !== undefined;
    if (this.available) this.#timer = setInterval(() => this.#sample(), SAMPLE_MS);
  }

  begin(): void {
    this.#peak = undefined;
    this.#sample();
    this.#start = this.#peak;
  }

  /** The RSS at {@link begin} and the peak since, in bytes. */
  end(): { start: number; peak: number } | undefined {
    this.#sample();
    const window = this.#start === undefined || this.#peak === undefined ? undefined : { start: this.#start, peak: this.#peak };
    this.#peak = undefined;
    this.#start = undefined;
    return window;
  }

  stop(): void {
    clearInterval(this.#timer);
  }

  #sample(): void {
    if (!this.available) return;
    const rss = readRss(this.#file);
    if (rss !== undefined && (this.#peak === undefined || rss > this.#peak)) this.#peak = rss;
  }
}

function readRss(file: string): number | undefined {
  try {
    const match = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(file, 'utf8'));
    return match === null ? undefined : Number(match[1]) * 1024;
  } catch {
    return undefined;
  }
}
