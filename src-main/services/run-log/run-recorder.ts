import { mkdir, readdir } from 'node:fs/promises';
import path from 'node:path';
import type { EngineEvent } from '../../../src-shared/engine/events.ts';
import { OperonError } from '../../../src-shared/errors/operon-error.ts';
import { writeFileAtomic } from '../atomic-write.ts';
import { repairJsonlTail } from './jsonl.ts';
import { appendFile, appendFileSynced } from './log-append.ts';
import { currentHost } from './process-alive.ts';
import { bufferEvent, createRecordedRun, emptyBatch, isBatchEmpty, requeueBatch, type RecordedRun, type RunBatch } from './recorded-run.ts';
import { applyEventToDoc, createRunDoc, readRunDocFile, serializeRunDoc, type RunMeta, type WriterInfo } from './run-doc.ts';
import { EVENTS_FILE, NODES_DIR, RUN_FILE, VALUES_DIR } from './run-layout.ts';
import { runPool } from './run-pool.ts';

export type { RunMeta } from './run-doc.ts';

/** Options of {@link createRunRecorder}. */
export interface RunRecorderOptions {
  /** The workspace's runs folder; each run gets `<runsDir>/<runId>/`. */
  runsDir: string;
  /** Replaces secret values in a text (the secrets service's `redact`). Every line and file goes through it. */
  redact: (text: string) => string;
  /** Milliseconds since the epoch, for checkpoint timing. Defaults to Date.now. */
  now?: () => number;
  /** How long lines wait in memory before they are appended (default 25 ms). */
  flushIntervalMs?: number;
  /** How often run.json is rewritten while a run is busy (default 1000 ms). */
  checkpointIntervalMs?: number;
  /** Files written at the same time (default 32). */
  writeConcurrency?: number;
  /**
   * fsync every appended file, value file and run.json before a write counts as done (default false: a write is done
   * once the OS has it, which survives the process being killed but not the machine losing power).
   */
  fsync?: boolean;
  /**
   * Receives each event as soon as it is recorded (before its line is on disk), redacted once as its line is, with large
   * values inline rather than refs: what a reader of the log gets with refs resolved. For live readers (the host's run
   * feed); it must not throw, and is not called for an event the recorder could not take.
   */
  onRecorded?: (event: EngineEvent) => void;
}

/** Writes engine events to disk as run logs. See {@link createRunRecorder}. */
export interface RunRecorder {
  /** Tells the recorder what the events will not: the workflow snapshot and where it came from. Call before the run starts. */
  beginRun(meta: RunMeta): void;
  /** The engine's `onEvent`: for every event of a run and of its child runs, in order. Never throws. */
  onEvent(event: EngineEvent): void;
  /** Resolves when everything received so far is on disk; rejects (OPR-110) if any write failed since the last call. */
  flush(): Promise<void>;
  /**
   * Resolves when every event of run `runId` received so far is on disk (its run.json written if its status changed);
   * rejects (OPR-110) once any write of that run has failed. The engine's `persist`: it waits for this before a node
   * starts, so a record exists before any side effect and no line points at a value file that was not written.
   */
  persist(runId: string): Promise<void>;
  /**
   * Resolves when everything received so far is on disk (run.json too), for a reader of a run still going; write
   * failures are left for the next {@link flush} to report, to whoever waits for the run.
   */
  sync(): Promise<void>;
  /** Flushes, then stops the timers; later events are reported as failures. */
  close(): Promise<void>;
}

const MAX_KEPT_FAILURES = 20;

type Task = () => Promise<void>;

/**
 * Records runs under `runsDir`, one folder per run (child runs included, their run.json naming the parent): every
 * event in `events.jsonl`, each node's events in `nodes/<nodeId>.jsonl`, large values once in `values/`, and the
 * summary in `run.json` (written atomically at start, about every second while busy, when the run waits or ends).
 *
 * `onEvent` only redacts (once, the whole event), serialises and buffers, and hands the redacted event to `onRecorded`;
 * lines are appended in batches (one append per file per batch, every `flushIntervalMs` and at once when a run waits or
 * ends), so a killed process leaves whole lines, and value files are written before the lines that refer to them.
 */
export function createRunRecorder(options: RunRecorderOptions): RunRecorder {
  const { runsDir, redact, onRecorded } = options;
  const now = options.now ?? Date.now;
  const flushIntervalMs = options.flushIntervalMs ?? 25;
  const checkpointIntervalMs = options.checkpointIntervalMs ?? 1000;
  const concurrency = options.writeConcurrency ?? 32;
  const fsync = options.fsync ?? false;
  const appendText = fsync ? appendFileSynced : appendFile;
  const writer: WriterInfo = { pid: process.pid, host: currentHost() };
  const runs = new Map<string, RecordedRun>();
  const metas = new Map<string, RunMeta>();
  const failures: string[] = [];
  let failureCount = 0;
  let closed = false;
  let flushTimer: NodeJS.Timeout | undefined;
  let checkpointTimer: NodeJS.Timeout | undefined;
  let chain: Promise<void> = Promise.resolve();
  let queued: { force: boolean; done: Promise<void> } | undefined;

  const fail = (error: unknown): void => {
    failureCount++;
    if (failures.length < MAX_KEPT_FAILURES) failures.push(error instanceof Error ? error.message : String(error));
  };

  /** Remembers that a write of `run` failed (its next persist rejects) and passes the error on. */
  const runFailed = (run: RecordedRun, error: unknown): never => {
    run.writeError ??= error instanceof Error ? error.message : String(error);
    throw error;
  };

  /** Queues a write cycle after the current one; requests made before it starts share it. */
  const requestCycle = (force: boolean): Promise<void> => {
    if (queued !== undefined) {
      queued.force ||= force;
      return queued.done;
    }
    const entry = { force, done: Promise.resolve() };
    entry.done = chain.then(async () => {
      queued = undefined;
      await writeCycle(entry.force);
    });
    queued = entry;
    chain = entry.done;
    return entry.done;
  };

  const scheduleFlush = (): void => {
    if (flushTimer !== undefined || closed) return;
    flushTimer = setTimeout(() => {
      flushTimer = undefined;
      void requestCycle(false);
    }, flushIntervalMs);
  };

  const scheduleCheckpoint = (): void => {
    if (checkpointTimer !== undefined || closed) return;
    checkpointTimer = setTimeout(() => {
      checkpointTimer = undefined;
      void requestCycle(false);
    }, checkpointIntervalMs);
    checkpointTimer.unref(); // a missed checkpoint loses no event, only a fresher lastSeq
  };

  /**
   * One batch: take every run's buffers, then create folders, write values, append lines, write due run.json files. A
   * run whose folder or value files could not be written keeps its batch for the next try (no line may point at a value
   * file that is not there); a failed append is cut back to its last whole line.
   */
  const writeCycle = async (force: boolean): Promise<void> => {
    try {
      let work: { run: RecordedRun; batch: RunBatch }[] = [];
      for (const run of runs.values()) {
        if (isBatchEmpty(run.batch) && !run.docDirty) continue;
        work.push({ run, batch: run.batch });
        run.batch = emptyBatch();
      }
      const blocked = new Set<RecordedRun>();
      const inits: Task[] = [];
      for (const { run, batch } of work) if (run.init !== 'ready') inits.push(() => initRun(run, batch, blocked));
      await runPool(inits, concurrency, fail);

      const values: Task[] = [];
      for (const { run, batch } of work) {
        if (blocked.has(run)) continue;
        for (const [sha, text] of batch.values) {
          values.push(async () => {
            try {
              await writeValue(run, sha, text);
            } catch (error) {
              blocked.add(run);
              runFailed(run, error);
            }
          });
        }
      }
      await runPool(values, concurrency, fail); // before the lines that refer to them
      for (const { run, batch } of work) if (blocked.has(run)) requeueBatch(run, batch);
      if (blocked.size > 0) work = work.filter(({ run }) => !blocked.has(run));

      const appends: Task[] = [];
      for (const { run, batch } of work) {
        applyRunEvents(run, batch);
        appends.push(...lineWrites(run, batch));
      }
      await runPool(appends, concurrency, fail);

      const time = now();
      const docs: Task[] = [];
      for (const { run } of work) {
        const due = force || run.docUrgent || time - run.docWrittenAt >= checkpointIntervalMs;
        if (run.doc !== undefined && run.docDirty && due) docs.push(() => writeDoc(run, time));
      }
      await runPool(docs, concurrency, fail);

      for (const { run } of work) {
        if (run.ended && !run.docDirty && isBatchEmpty(run.batch) && runs.get(run.runId) === run) runs.delete(run.runId);
      }
      if (blocked.size > 0 || work.some(({ run }) => run.docDirty)) scheduleCheckpoint(); // tried again then
    } catch (error) {
      fail(error);
    }
  };

  /** Creates the run's folders (an attached run: loads its run.json). When the folders cannot be made, drops the batch. */
  const initRun = async (run: RecordedRun, batch: RunBatch, blocked: Set<RecordedRun>): Promise<void> => {
    const mode = run.init;
    try {
      await mkdir(path.join(run.dir, NODES_DIR), { recursive: true });
      await mkdir(path.join(run.dir, VALUES_DIR), { recursive: true });
    } catch (error) {
      blocked.add(run); // tried again with the next batch
      const kept = `${batch.events.length} ${batch.events.length === 1 ? 'event' : 'events'} of run ${run.runId} not written yet`;
      runFailed(run, new OperonError('OPR-110', `Could not create ${run.dir} (${kept}): ${(error as Error).message}`, { cause: error }));
    }
    run.init = 'ready';
    if (mode !== 'attach') return;
    for (const name of await readdir(path.join(run.dir, VALUES_DIR))) {
      if (name.endsWith('.json')) run.knownValues.add(name.slice(0, -'.json'.length));
    }
    try {
      run.doc ??= await readRunDocFile(path.join(run.dir, RUN_FILE));
      run.workflowJson = JSON.stringify(run.doc.workflow ?? null, null, 2);
    } catch (error) {
      const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
      const message = missing
        ? `Events for run ${run.runId} arrived without its run.started; no run.json is written`
        : (error as Error).message;
      throw new OperonError('OPR-110', message, { cause: error });
    } finally {
      // A run left in status running was interrupted: its files may end in a cut-off line.
      run.checkTails = run.doc === undefined || run.doc.status === 'running';
      if (run.checkTails) await repairJsonlTail(path.join(run.dir, EVENTS_FILE));
    }
  };

  const writeValue = (run: RecordedRun, sha: string, text: string): Promise<void> =>
    writeFileAtomic(path.join(run.dir, VALUES_DIR, `${sha}.json`), text, { fsync });

  const applyRunEvents = (run: RecordedRun, batch: RunBatch): void => {
    for (const event of batch.runEvents) {
      if (event.type === 'run.started') {
        const meta = metas.get(run.runId);
        metas.delete(run.runId);
        run.doc = createRunDoc(event, meta, writer);
        run.workflowJson = JSON.stringify(meta?.workflow ?? null, null, 2);
        run.docUrgent = true;
      } else if (run.doc !== undefined && applyEventToDoc(run.doc, event, writer)) {
        run.docUrgent = true;
      }
      if (event.type === 'run.waiting' || event.type === 'run.finished') run.ended = true;
      if (event.type === 'run.started' || event.type === 'run.resumed') run.ended = false;
    }
    if (run.doc !== undefined && batch.maxSeq >= 0) {
      if (batch.maxSeq > run.doc.lastSeq) run.doc.lastSeq = batch.maxSeq;
      run.docDirty = true;
    }
  };

  const lineWrites = (run: RecordedRun, batch: RunBatch): Task[] => {
    const writes: Task[] = [];
    const append = (relative: string, lines: string[]) => async () => {
      const file = path.join(run.dir, relative);
      if (run.checkTails && !run.checkedFiles.has(relative)) {
        run.checkedFiles.add(relative);
        await repairJsonlTail(file);
      }
      try {
        await appendText(file, lines.length === 1 ? (lines[0] ?? '') : lines.join(''));
      } catch (error) {
        // A full disk may have taken part of the text: cut the file back to its last whole line (that needs no space).
        run.checkedFiles.delete(relative);
        run.checkTails = true;
        await repairJsonlTail(file).catch(() => undefined);
        runFailed(run, error);
      }
    };
    if (batch.events.length > 0) writes.push(append(EVENTS_FILE, batch.events));
    for (const [name, lines] of batch.nodes) writes.push(append(path.join(NODES_DIR, name), lines));
    return writes;
  };

  const writeDoc = async (run: RecordedRun, time: number): Promise<void> => {
    const doc = run.doc;
    if (doc === undefined) return;
    run.docDirty = false;
    run.docUrgent = false;
    run.docWrittenAt = time;
    try {
      await writeFileAtomic(path.join(run.dir, RUN_FILE), redact(serializeRunDoc(doc, run.workflowJson)), { fsync });
    } catch (error) {
      run.docDirty = true; // tried again at the next checkpoint, so a run that ended is not left `running`
      runFailed(run, error);
    }
  };

  const takeFailures = (): void => {
    if (failureCount === 0) return;
    const count = failureCount;
    const kept = failures.splice(0);
    failureCount = 0;
    const message = `Could not write the run log: ${count} failure${count === 1 ? '' : 's'}; first: ${kept[0] ?? 'unknown'}`;
    throw new OperonError('OPR-110', message, { details: { failures: kept, count } });
  };

  return {
    beginRun(meta) {
      metas.set(meta.runId, meta);
    },
    onEvent(event) {
      try {
        if (closed) throw new Error(`Event ${event.type} (seq ${event.seq}) of run ${event.runId} arrived after the recorder was closed`);
        let run = runs.get(event.runId);
        if (run === undefined) {
          run = createRecordedRun(runsDir, event.runId, event.type === 'run.started' ? 'create' : 'attach');
          runs.set(event.runId, run);
        }
        const recorded = bufferEvent(run, event, redact);
        if (event.type === 'run.waiting' || event.type === 'run.finished') void requestCycle(false);
        else scheduleFlush();
        onRecorded?.(recorded);
      } catch (error) {
        fail(error);
      }
    },
    async flush() {
      await requestCycle(true);
      takeFailures();
    },
    async persist(runId) {
      await requestCycle(false);
      const error = runs.get(runId)?.writeError;
      if (error !== undefined) throw new OperonError('OPR-110', `Could not write the log of run ${runId}: ${error}`);
    },
    sync: () => requestCycle(true),
    async close() {
      await requestCycle(true);
      closed = true;
      metas.clear();
      clearTimeout(flushTimer);
      clearTimeout(checkpointTimer);
      flushTimer = undefined;
      checkpointTimer = undefined;
      takeFailures();
    },
  };
}
