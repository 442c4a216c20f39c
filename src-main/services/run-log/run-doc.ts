import { readFile } from 'node:fs/promises';
import type { EngineEvent, EventOf } from '../../../src-shared/engine/events.ts';
import { OperonError } from '../../../src-shared/errors/operon-error.ts';
import type { Workflow } from '../../../src-shared/workflow/schema.ts';

import { RUN_FORMAT_VERSION, RunDocSchema, type RunDoc } from '../../../src-shared/run-log/run-doc-schema.ts';

export { RUN_FORMAT_VERSION, RunDocSchema, type RunDoc };

/** What the host knows about a run that its events do not carry. */
export interface RunMeta {
  runId: string;
  /** The workflow snapshot as run; its `name` becomes `workflowName`. Child runs may not have one. */
  workflow?: Workflow | null;
  workflowRef?: string;
  /** Who started the run (see RunDoc.startedBy); absent for child runs and continued runs (their run.json keeps it). */
  startedBy?: string;
}

/** The process writing a run. */
export interface WriterInfo {
  pid: number;
  host: string;
}

/** A new run document from a run.started event (already prepared: large values are refs). */
export function createRunDoc(started: EventOf<'run.started'>, meta: RunMeta | undefined, writer: WriterInfo): RunDoc {
  return {
    formatVersion: RUN_FORMAT_VERSION,
    runId: started.runId,
    workflowId: started.workflowId,
    workflowName: meta?.workflow?.name ?? null,
    workflowHash: started.workflowHash,
    ...(meta?.workflowRef === undefined ? {} : { workflowRef: meta.workflowRef }),
    trigger: started.trigger,
    ...(meta?.startedBy === undefined ? {} : { startedBy: meta.startedBy }),
    inputs: started.inputs,
    ...(started.parent === undefined ? {} : { parent: started.parent }),
    status: 'running',
    startedAt: started.ts,
    lastSeq: started.seq,
    pid: writer.pid,
    host: writer.host,
    workflow: meta?.workflow ?? null,
  };
}

/**
 * Updates `doc` for an event of its run. Returns true when the status changed, so run.json should be written now
 * rather than at the next checkpoint.
 */
export function applyEventToDoc(doc: RunDoc, event: EngineEvent, writer: WriterInfo): boolean {
  if (event.seq > doc.lastSeq) doc.lastSeq = event.seq;
  switch (event.type) {
    case 'run.resumed':
      doc.status = 'running';
      doc.resumedAt = event.ts;
      doc.pid = writer.pid;
      doc.host = writer.host;
      delete doc.endedAt;
      delete doc.pending;
      delete doc.waitingSince;
      return true;
    case 'run.waiting':
      doc.status = 'waiting';
      doc.pending = event.pending;
      doc.waitingSince = event.ts;
      return true;
    case 'run.finished':
      doc.status = event.status;
      doc.endedAt = event.ts;
      doc.outputs = event.outputs;
      doc.totals = event.totals;
      if (event.error === undefined) delete doc.error;
      else doc.error = event.error;
      delete doc.pending;
      delete doc.waitingSince;
      return true;
    default:
      return false;
  }
}

/**
 * run.json text: the summary first, the (possibly large) workflow snapshot last. `workflowJson` is the snapshot's
 * JSON (cached by the caller so a checkpoint does not serialise the workflow again).
 */
export function serializeRunDoc(doc: RunDoc, workflowJson: string): string {
  const { workflow: _workflow, ...summary } = doc;
  const head = JSON.stringify(summary, null, 2); // ends with "\n}"
  return `${head.slice(0, -2)},\n  "workflow": ${workflowJson.replaceAll('\n', '\n  ')}\n}\n`;
}

/**
 * Reads and validates a run.json file. Throws OPR-154 (naming the file) when it is not valid JSON or not a run
 * document; lets ENOENT through so callers can tell a missing run.
 */
export async function readRunDocFile(file: string): Promise<RunDoc> {
  const text = await readFile(file, 'utf8');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new OperonError('OPR-154', `Run log ${file} is not valid JSON (${(error as Error).message})`, { details: { file } });
  }
  const parsed = RunDocSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue === undefined ? '' : ` at ${issue.path.join('.') || '(root)'}: ${issue.message}`;
    throw new OperonError('OPR-154', `Run log ${file} is not a run document${where}`, { details: { file } });
  }
  return parsed.data;
}
