import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { EngineEventSchema, type EngineEvent } from '../../../src-shared/engine/events.ts';
import { OperonError } from '../../../src-shared/errors/operon-error.ts';
import { damaged, parseJsonLines } from './jsonl.ts';
import { currentHost, isPidAlive } from './process-alive.ts';
import { readRunDocFile, type RunDoc } from './run-doc.ts';
import { isSafeRunId } from './run-id.ts';
import { EVENTS_FILE, NODES_DIR, nodeFileName, RUN_FILE, runDirOf } from './run-layout.ts';
import { isValueRef } from '../../../src-shared/run-log/value-ref.ts';
import { mapEventPayloads } from './value-refs.ts';

/** A run's run.json, plus whether the process running it is gone. */
export type RunInfo = RunDoc & {
  /** Status running, but its process is dead (or on another machine): the run stopped without finishing. */
  interrupted: boolean;
};

/** One run in a list: its summary from run.json (the workflow snapshot left out). */
export type RunSummary = Omit<RunInfo, 'workflow' | 'inputs' | 'outputs' | 'pending'> & { kind: 'run' };

/** A run folder whose run.json could not be read: reported, not thrown, so one bad run does not hide the others. */
export interface DamagedRun {
  kind: 'damaged';
  runId: string;
  problem: string;
}

export type RunListEntry = RunSummary | DamagedRun;

/** Events read back from a log, with warnings about what was skipped (an incomplete last line). */
export interface EventLog {
  events: EngineEvent[];
  warnings: string[];
}

export interface ReadOptions {
  /** Replace value refs with the stored values (default false: keep the refs). */
  resolveRefs?: boolean;
  /**
   * Read only the events with `seq >= fromSeq`, at most `limit` of them (plus one, to tell whether more follow): lines
   * before `fromSeq` are recognised by their envelope and not parsed, so a page of a large log costs little.
   */
  page?: { fromSeq: number; limit: number };
}

/** The seq of a recorded event line, read from its envelope (the engine writes seq, ts and runId last); undefined when not found. */
const ENVELOPE_SEQ = /,"seq":(\d+),"ts":[-\d.e+]+,"runId":"[^"\\]*"\}\s*$/;

/** The seq of a recorded event line read from its envelope, without parsing the line; undefined when not found. */
export function envelopeSeq(raw: string): number | undefined {
  const seq = ENVELOPE_SEQ.exec(raw)?.[1];
  return seq === undefined ? undefined : Number(seq);
}

/** Whether a run in status running has lost its process: the pid is dead, or it ran on another machine. */
export function isInterrupted(doc: RunDoc, host: string = currentHost()): boolean {
  return doc.status === 'running' && (doc.host !== host || !isPidAlive(doc.pid));
}

/** Every run in `runsDir`, newest first (by start time). A missing folder is an empty list. */
export async function listRuns(runsDir: string): Promise<RunListEntry[]> {
  let names: string[];
  try {
    names = await readdir(runsDir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw new OperonError('OPR-110', `Could not list runs in ${runsDir}: ${(error as Error).message}`, { cause: error });
  }
  const host = currentHost();
  const entries = await Promise.all(
    names.filter(isSafeRunId).map(async (runId): Promise<{ entry: RunListEntry; sortKey: number } | undefined> => {
      const dir = path.join(runsDir, runId);
      try {
        const doc = await readRunDocFile(path.join(dir, RUN_FILE));
        return { entry: summarizeRun({ ...doc, interrupted: isInterrupted(doc, host) }), sortKey: doc.startedAt };
      } catch (error) {
        const info = await stat(dir).catch(() => undefined);
        if (!info?.isDirectory()) return undefined;
        const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
        const problem = missing ? `${RUN_FILE} is missing` : (error as Error).message;
        return { entry: { kind: 'damaged', runId, problem }, sortKey: info.mtimeMs };
      }
    }),
  );
  return entries
    .filter((entry) => entry !== undefined)
    .sort((a, b) => b.sortKey - a.sortKey || (a.entry.runId < b.entry.runId ? 1 : -1))
    .map(({ entry }) => entry);
}

/**
 * A run as lists show it: run.json without the workflow snapshot, inputs, outputs and pending approvals, and its
 * trigger without the payload (a webhook's body may be megabytes; the run's own doc and log keep it).
 */
export function summarizeRun(run: RunInfo): RunSummary {
  const { workflow: _w, inputs: _i, outputs: _o, pending: _p, trigger, ...summary } = run;
  const { payload: _payload, ...what } = trigger;
  return { kind: 'run', ...summary, trigger: what };
}

/** A run's run.json. OPR-150 when there is no such run (or the id is not a valid one), OPR-154 when it is damaged. */
export async function readRun(runsDir: string, runId: string, options: ReadOptions = {}): Promise<RunInfo> {
  const dir = runDirOf(runsDir, runId);
  let doc: RunDoc;
  try {
    doc = await readRunDocFile(path.join(dir, RUN_FILE));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw notFound(runId);
    throw error;
  }
  if (options.resolveRefs === true) doc = await resolveRefs(doc, dir, new Map());
  return { ...doc, interrupted: isInterrupted(doc) };
}

/**
 * Every event of a run, validated. An incomplete last line (a killed process) is skipped with a warning; any other
 * bad line is OPR-154 naming the file and line.
 */
export async function readEvents(runsDir: string, runId: string, options: ReadOptions = {}): Promise<EventLog> {
  const dir = await existingRunDir(runsDir, runId);
  return readEventFile(dir, EVENTS_FILE, options, undefined);
}

/** The events of one node of a run (empty when the node logged nothing). */
export async function readNodeLog(runsDir: string, runId: string, nodeId: string, options: ReadOptions = {}): Promise<EventLog> {
  const dir = await existingRunDir(runsDir, runId);
  return readEventFile(dir, path.join(NODES_DIR, nodeFileName(nodeId)), options, nodeId);
}

async function readEventFile(dir: string, relative: string, options: ReadOptions, nodeId: string | undefined): Promise<EventLog> {
  const file = path.join(dir, relative);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT')
      throw new OperonError('OPR-110', `Could not read ${file}: ${(error as Error).message}`);
    return { events: [], warnings: nodeId === undefined ? [`${file} does not exist yet`] : [] };
  }
  const { lines, warnings } = parseJsonLines(text, file, pageSelector(options.page));
  const values = new Map<string, string>();
  const events: EngineEvent[] = [];
  for (const { line, value } of lines) {
    const parsed = EngineEventSchema.safeParse(value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw damaged(
        file,
        line,
        `is not an engine event${issue === undefined ? '' : ` (${issue.path.join('.') || 'root'}: ${issue.message})`}`,
      );
    }
    // On a case-insensitive disk two node ids differing only in case share a file.
    if (nodeId !== undefined && (!('nodeId' in parsed.data) || parsed.data.nodeId !== nodeId)) continue;
    if (options.page !== undefined && parsed.data.seq < options.page.fromSeq) continue;
    events.push(options.resolveRefs === true ? await resolveRefs(parsed.data, dir, values) : parsed.data);
  }
  return { events, warnings };
}

/** Which lines a page needs: none before `fromSeq` (by their envelope), and no more than `limit + 1` from there. */
function pageSelector(page: ReadOptions['page']): ((raw: string) => 'parse' | 'skip' | 'stop') | undefined {
  if (page === undefined) return undefined;
  let taken = 0;
  return (raw) => {
    const seq = envelopeSeq(raw);
    if (seq !== undefined && seq < page.fromSeq) return 'skip';
    if (taken > page.limit) return 'stop';
    taken++;
    return 'parse';
  };
}

/** The run's folder; OPR-150 when there is none. */
export async function existingRunDir(runsDir: string, runId: string): Promise<string> {
  const dir = runDirOf(runsDir, runId);
  const info = await stat(dir).catch(() => undefined);
  if (!info?.isDirectory()) throw notFound(runId);
  return dir;
}

/** Replaces value refs at payload positions with the values read from the run folder `dir`; `cache` holds value files already read. */
export async function resolveRefs<T extends object>(target: T, dir: string, cache: Map<string, string>): Promise<T> {
  const refs: string[] = [];
  mapEventPayloads(target, (value) => {
    if (isValueRef(value)) refs.push(value.$ref);
    return value;
  });
  if (refs.length === 0) return target;
  for (const ref of refs) {
    if (cache.has(ref)) continue;
    const file = path.join(dir, ref);
    try {
      cache.set(ref, await readFile(file, 'utf8'));
    } catch (error) {
      throw new OperonError('OPR-154', `Run log value ${file} could not be read: ${(error as Error).message}`, { details: { file } });
    }
  }
  return mapEventPayloads(target, (value) => {
    if (!isValueRef(value)) return value;
    try {
      return JSON.parse(cache.get(value.$ref) ?? '') as unknown;
    } catch (error) {
      const file = path.join(dir, value.$ref);
      throw new OperonError('OPR-154', `Run log value ${file} is not valid JSON (${(error as Error).message})`, { details: { file } });
    }
  });
}

function notFound(runId: string): OperonError {
  return new OperonError('OPR-150', `Run not found: ${runId}`, { details: { runId } });
}
