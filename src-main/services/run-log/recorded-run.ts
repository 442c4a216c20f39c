import { createHash } from 'node:crypto';
import type { EngineEvent } from '../../../src-shared/engine/events.ts';
import { redactValue } from './redact-json.ts';
import type { RunDoc } from './run-doc.ts';
import { nodeFileName, runDirOf } from './run-layout.ts';
import { VALUE_REF_MIN_BYTES, valueRefPath, type ValueRef } from '../../../src-shared/run-log/value-ref.ts';
import { mapEventPayloads } from './value-refs.ts';

/** What the recorder has buffered for one run since the last write: lines per file, new value files, run-level events. */
export interface RunBatch {
  /** Lines (each ending in "\n") for events.jsonl. */
  events: string[];
  /** Lines per node log file name. */
  nodes: Map<string, string[]>;
  /** New value files: sha256 → JSON text. */
  values: Map<string, string>;
  /** Run-level events (prepared), applied to run.json once their lines are written. */
  runEvents: EngineEvent[];
  /** Highest seq in this batch, or -1. */
  maxSeq: number;
}

/** One run the recorder is writing, in memory. */
export interface RecordedRun {
  runId: string;
  dir: string;
  /** 'create': a new run folder; 'attach': an existing one (a resumed run), whose run.json is loaded first. */
  init: 'create' | 'attach' | 'ready';
  doc: RunDoc | undefined;
  /** The workflow snapshot's JSON, serialised once. */
  workflowJson: string;
  docDirty: boolean;
  /** The status changed: write run.json in the next batch, not at the next checkpoint. */
  docUrgent: boolean;
  docWrittenAt: number;
  /** The run waits or finished: forget it once everything is written. */
  ended: boolean;
  /** The folder may end in a line cut off by a crash: check each file's tail before its first append. */
  checkTails: boolean;
  checkedFiles: Set<string>;
  knownValues: Set<string>;
  batch: RunBatch;
  /** The first write of this run that failed (a full or read-only disk): the recorder's `persist` for it rejects. */
  writeError: string | undefined;
}

export function emptyBatch(): RunBatch {
  return { events: [], nodes: new Map(), values: new Map(), runEvents: [], maxSeq: -1 };
}

export function isBatchEmpty(batch: RunBatch): boolean {
  return batch.events.length === 0 && batch.values.size === 0 && batch.runEvents.length === 0;
}

/** Puts a batch that could not be written back in front of what was buffered since, to be written again. */
export function requeueBatch(run: RecordedRun, older: RunBatch): void {
  const newer = run.batch;
  const nodes = new Map(older.nodes);
  for (const [name, lines] of newer.nodes) nodes.set(name, [...(nodes.get(name) ?? []), ...lines]);
  run.batch = {
    events: [...older.events, ...newer.events],
    nodes,
    values: new Map([...older.values, ...newer.values]),
    runEvents: [...older.runEvents, ...newer.runEvents],
    maxSeq: Math.max(older.maxSeq, newer.maxSeq),
  };
}

/** A recorded run for `runId`. Throws OPR-150 when the id is not a safe folder name. */
export function createRecordedRun(runsDir: string, runId: string, init: 'create' | 'attach'): RecordedRun {
  return {
    runId,
    dir: runDirOf(runsDir, runId),
    init,
    doc: undefined,
    workflowJson: 'null',
    docDirty: false,
    docUrgent: false,
    docWrittenAt: 0,
    ended: false,
    checkTails: false,
    checkedFiles: new Set(),
    knownValues: new Set(),
    batch: emptyBatch(),
    writeError: undefined,
  };
}

/**
 * Buffers one event of `run`: the event is redacted once, as a whole ({@link redactValue}); large payload values become
 * refs (their files queued once) and the line is queued for events.jsonl and, for node events, for the node's file.
 * Returns the redacted event with its values inline: what live readers of the run are given, the same as its line
 * read back with refs resolved.
 */
export function bufferEvent(run: RecordedRun, event: EngineEvent, redact: (text: string) => string): EngineEvent {
  const { value: redacted, json } = redactValue(event, redact);
  const prepared = mapEventPayloads(redacted, (value) => externalize(run, value));
  const line = `${prepared === redacted ? json : JSON.stringify(prepared)}\n`;
  const batch = run.batch;
  batch.events.push(line);
  if (event.seq > batch.maxSeq) batch.maxSeq = event.seq;
  if ('nodeId' in event) {
    const file = nodeFileName(event.nodeId);
    const lines = batch.nodes.get(file);
    if (lines === undefined) batch.nodes.set(file, [line]);
    else lines.push(line);
  } else {
    batch.runEvents.push(prepared);
  }
  return redacted;
}

/** Replaces a (redacted) payload value whose JSON is over the limit with a ref, queueing its file the first time it is seen. */
function externalize(run: RecordedRun, value: unknown): unknown {
  if (value === null || (typeof value !== 'object' && typeof value !== 'string')) return value;
  // A string of up to 600 characters serialises to at most 6 bytes a character: never over the limit.
  if (typeof value === 'string' && value.length <= 600) return value;
  const json = JSON.stringify(value) as string | undefined;
  // UTF-8 takes at most 3 bytes per UTF-16 unit, so short texts need no byte count.
  if (json === undefined || json.length * 3 <= VALUE_REF_MIN_BYTES || Buffer.byteLength(json) <= VALUE_REF_MIN_BYTES) return value;
  const sha = createHash('sha256').update(json).digest('hex');
  if (!run.knownValues.has(sha)) {
    run.knownValues.add(sha);
    run.batch.values.set(sha, json);
  }
  const ref: ValueRef = { $ref: valueRefPath(sha), bytes: Buffer.byteLength(json) };
  return ref;
}
