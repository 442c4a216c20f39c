import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { API_ERROR_CODES, ApiError } from '../../../src-shared/api/errors.ts';
import { buildTimeline } from '../../../src-shared/run-log/timeline.ts';
import { VALUE_REF_PATH } from '../../../src-shared/run-log/value-ref.ts';
import { workspacePaths } from '../../services/data-dir.ts';
import { readRunComparison } from '../../services/run-log/run-comparison.ts';
import { readEvents, readNodeLog, readRun } from '../../services/run-log/run-reader.ts';
import { runDirOf } from '../../services/run-log/run-layout.ts';
import type { ApiContext, CallImpls } from './call-types.ts';

type LogCalls = 'runs.trace' | 'runs.value' | 'runs.timeline' | 'runs.compare';

/**
 * The run debugger's reads of run logs: a node's trace, large values in pages, the timeline, comparisons. `logged`
 * waits until a run going here has its events so far on disk (run-calls.ts), so a paused run's trace is complete.
 */
export function logCalls(context: ApiContext, logged: (workspace: string, runId: string) => Promise<void>): CallImpls<LogCalls> {
  const runsDir = async (workspace: string, ...runIds: string[]) => {
    for (const runId of runIds) await logged(workspace, runId);
    return workspacePaths(context.dataDir, workspace).runs;
  };
  return {
    async 'runs.trace'({ workspace, runId, nodeId, fromSeq, limit }) {
      const log = await readNodeLog(await runsDir(workspace, runId), runId, nodeId);
      const rest = log.events.filter((event) => event.seq >= fromSeq);
      return { events: rest.slice(0, limit), nextSeq: rest[limit]?.seq ?? null, warnings: log.warnings };
    },
    async 'runs.value'({ workspace, runId, ref, offset, limit }) {
      // Only `values/<sha256>.json` of this run: the pattern leaves no way out of its values folder.
      if (!VALUE_REF_PATH.test(ref)) throw new ApiError(API_ERROR_CODES.badRequest, `${JSON.stringify(ref)} is not a value ref`);
      const runs = await runsDir(workspace, runId);
      await readRun(runs, runId); // OPR-150 for a run that is not there
      const dir = runDirOf(runs, runId);
      let text: string;
      try {
        text = await readFile(path.join(dir, ref), 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
        throw new ApiError(API_ERROR_CODES.badRequest, `run ${runId} has no stored value ${ref}`);
      }
      let end = Math.min(offset + limit, text.length);
      // Never split a surrogate pair between pages.
      if (end < text.length && end - offset > 1 && isHighSurrogate(text.charCodeAt(end - 1))) end--;
      return { text: text.slice(offset, end), bytes: Buffer.byteLength(text), nextOffset: end < text.length ? end : null };
    },
    async 'runs.timeline'({ workspace, runId }) {
      const log = await readEvents(await runsDir(workspace, runId), runId);
      const timeline = buildTimeline(runId, log.events);
      return { ...timeline, warnings: [...log.warnings, ...timeline.warnings] };
    },
    async 'runs.compare'({ workspace, a, b }) {
      const { measures: _measures, labels: _labels, ...comparison } = await readRunComparison(await runsDir(workspace, a, b), a, b);
      return comparison;
    },
  };
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}
