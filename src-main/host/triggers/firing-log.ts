import { appendFile, mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { FiringSchema, type Firing } from '../../../src-shared/triggers/service-schemas.ts';
import { parseJsonLines, repairJsonlTail } from '../../services/run-log/jsonl.ts';

export interface FiringQuery {
  workflowId?: string;
  /** Only firings before this time (ms): the next page of a list read newest first. */
  before?: number;
  limit: number;
}

/**
 * A workspace's firing log, `<workspace>/service/firings.jsonl`: one {@link FiringSchema} line per firing, appended
 * whole, and a second line with the same id when a queued firing's run starts. A cut last line (a process killed while
 * writing it) is skipped on read, like a run log's.
 */
export interface FiringLog {
  file: string;
  append(firing: Firing): Promise<void>;
  /** Newest first. */
  read(query: FiringQuery): Promise<Firing[]>;
}

export function createFiringLog(serviceDir: string): FiringLog {
  const file = path.join(serviceDir, 'firings.jsonl');
  // A line a killed process cut short is ended or cut off before the first append, so it never runs into the next one.
  let appending: Promise<unknown> = repairJsonlTail(file).catch(() => undefined);
  return {
    file,
    append(firing) {
      const line = `${JSON.stringify(FiringSchema.parse(firing))}\n`;
      const next = appending.then(async () => {
        await mkdir(serviceDir, { recursive: true, mode: 0o700 });
        await appendFile(file, line, { mode: 0o600 });
      });
      appending = next.catch(() => undefined);
      return next;
    },
    async read({ workflowId, before, limit }) {
      await appending;
      const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT') return '';
        throw error;
      });
      const { lines } = parseJsonLines(text, file);
      const firings: Firing[] = [];
      for (let index = lines.length - 1; index >= 0 && firings.length < limit; index--) {
        const checked = FiringSchema.safeParse(lines[index]?.value);
        if (!checked.success) continue; // a line another version wrote: not this reader's to show
        const firing = checked.data;
        if (workflowId !== undefined && firing.workflowId !== workflowId) continue;
        if (before !== undefined && firing.at >= before) continue;
        firings.push(firing);
      }
      return firings;
    },
  };
}
