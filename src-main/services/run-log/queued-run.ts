import { createHash } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Trigger } from '../../../src-shared/nodes/trigger-record.ts';
import type { Workflow } from '../../../src-shared/workflow/schema.ts';
import { writeFileAtomic } from '../atomic-write.ts';
import { RUN_FORMAT_VERSION, type RunDoc } from './run-doc.ts';
import { RUN_FILE, runDirOf } from './run-layout.ts';
import { currentHost } from './process-alive.ts';

export interface QueuedRun {
  runId: string;
  workflow: Workflow;
  workflowRef?: string;
  trigger: Trigger;
  inputs: Record<string, unknown>;
  startedBy?: string;
}

/**
 * Writes the run.json of a run accepted in queue mode and not yet taken by a worker (status `queued`, no events), so
 * `runs.list`, `runs.get` and the editor show it at once. The worker's `run.started` replaces it with the running run's
 * (same id, same folder); a queued run cancelled before any worker took it is marked with {@link cancelQueuedRun}.
 */
export async function writeQueuedRun(runsDir: string, run: QueuedRun): Promise<RunDoc> {
  const dir = runDirOf(runsDir, run.runId);
  const doc: RunDoc = {
    formatVersion: RUN_FORMAT_VERSION,
    runId: run.runId,
    workflowId: run.workflow.id,
    workflowName: run.workflow.name,
    // The engine's hash of the same snapshot (run-execution.ts), so the queued and the running run.json agree.
    workflowHash: createHash('sha256').update(JSON.stringify(run.workflow)).digest('hex'),
    ...(run.workflowRef === undefined ? {} : { workflowRef: run.workflowRef }),
    trigger: run.trigger,
    inputs: run.inputs,
    ...(run.startedBy === undefined ? {} : { startedBy: run.startedBy }),
    status: 'queued',
    startedAt: Date.now(),
    lastSeq: 0,
    pid: process.pid,
    host: currentHost(),
    workflow: run.workflow,
  };
  await mkdir(dir, { recursive: true });
  await writeFileAtomic(path.join(dir, RUN_FILE), `${JSON.stringify(doc, null, 2)}\n`);
  return doc;
}

/** Marks a queued run (taken by no worker: its job was removed) cancelled, with the reason as its error. */
export async function cancelQueuedRun(runsDir: string, doc: RunDoc, reason: string): Promise<void> {
  const cancelled: RunDoc = {
    ...doc,
    status: 'cancelled',
    endedAt: Date.now(),
    error: { code: 'OPR-104', message: reason },
  };
  await writeFileAtomic(path.join(runDirOf(runsDir, doc.runId), RUN_FILE), `${JSON.stringify(cancelled, null, 2)}\n`);
}
