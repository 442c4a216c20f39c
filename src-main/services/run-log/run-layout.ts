import { createHash } from 'node:crypto';
import path from 'node:path';
import { OperonError } from '../../../src-shared/errors/operon-error.ts';
import { isSafeRunId } from './run-id.ts';

/**
 * The files of one run, under `runs/<runId>/`:
 *
 * ```
 * run.json          summary and workflow snapshot (written atomically)
 * events.jsonl      every event of the run, one JSON line each
 * nodes/<id>.jsonl  one node's own events
 * values/<sha>.json large values, stored once and referenced as { "$ref": "values/<sha>.json", "bytes": N }
 * run.lock          held by the process working on the run
 * ```
 */
export const RUN_FILE = 'run.json';
export const EVENTS_FILE = 'events.jsonl';
export const NODES_DIR = 'nodes';
export const VALUES_DIR = 'values';
export const LOCK_FILE = 'run.lock';

/** The folder of a run. Throws OPR-150 for an id that is not a safe folder name (so it cannot escape `runsDir`). */
export function runDirOf(runsDir: string, runId: string): string {
  if (!isSafeRunId(runId)) {
    throw new OperonError('OPR-150', `Not a valid run id: ${JSON.stringify(runId)}`, { details: { runId } });
  }
  return path.join(runsDir, runId);
}

const SAFE_NODE_FILE = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
// Device names Windows reserves whatever the extension (`con.jsonl` cannot be created there).
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\.|$)/i;

/**
 * The file name of a node's log: `<nodeId>.jsonl` for the usual ids. An id that is not a safe file name, or is a name
 * Windows reserves, gets `~<hash>.jsonl` instead (`~` never occurs in node ids, so no other node can collide with it).
 * On case-insensitive disks two ids that differ only in case share a file; readers filter lines by node id.
 */
export function nodeFileName(nodeId: string): string {
  if (SAFE_NODE_FILE.test(nodeId) && !WINDOWS_RESERVED.test(nodeId)) return `${nodeId}.jsonl`;
  const hash = createHash('sha256').update(nodeId).digest('hex').slice(0, 16);
  const readable = SAFE_NODE_FILE.test(nodeId) ? nodeId : '';
  return `${readable}~${hash}.jsonl`;
}
