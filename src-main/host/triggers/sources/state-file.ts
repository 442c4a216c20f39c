import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { z } from 'zod';
import { writeFileAtomic } from '../../../services/atomic-write.ts';

/**
 * One small JSON file a trigger source keeps its memory in (`<workspace>/service/...`): read once, validated, and written
 * atomically. Saves coalesce: while one write is on the disk, later saves wait and only the newest is written, so a
 * schedule ticking every second or a folder filling with files never queues a write per event.
 */
export interface StateFile<T> {
  /** The stored value; `empty()` when there is none, and when the file is unreadable or does not fit (`log` says so). */
  read(): Promise<T>;
  /** Writes `value` soon (the latest value wins); failures are logged, never thrown. */
  save(value: T): void;
  /** Resolves once every save so far is on the disk. */
  flush(): Promise<void>;
}

export function createStateFile<T>(options: {
  file: string;
  schema: z.ZodType<T>;
  empty: () => T;
  /** One line for a file that could not be read or written (with its error code). */
  log: (line: string) => void;
}): StateFile<T> {
  const { file, schema, empty, log } = options;
  let pending: { value: T } | undefined;
  let writing: Promise<void> | undefined;

  const writeLoop = async (): Promise<void> => {
    while (pending !== undefined) {
      const { value } = pending;
      pending = undefined;
      try {
        await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
        await writeFileAtomic(file, `${JSON.stringify(value)}\n`);
      } catch (error) {
        log(`OPR-244 could not write ${file}: ${message(error)}`);
      }
    }
    writing = undefined;
  };

  return {
    async read() {
      let text: string;
      try {
        text = await readFile(file, 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') log(`OPR-244 could not read ${file}, starting afresh: ${message(error)}`);
        return empty();
      }
      try {
        const parsed = schema.safeParse(JSON.parse(text));
        if (parsed.success) return parsed.data;
        log(`OPR-244 ${file} is not in the expected form, starting afresh: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
      } catch (error) {
        log(`OPR-244 ${file} is not valid JSON, starting afresh: ${message(error)}`);
      }
      return empty();
    },
    save(value) {
      pending = { value };
      writing ??= writeLoop();
    },
    async flush() {
      while (writing !== undefined) await writing;
    },
  };
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
