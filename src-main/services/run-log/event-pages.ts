import { open, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { EngineEventSchema, type EngineEvent } from '../../../src-shared/engine/events.ts';
import { OperonError } from '../../../src-shared/errors/operon-error.ts';
import { damaged } from './jsonl.ts';
import { EVENTS_FILE } from './run-layout.ts';
import { envelopeSeq, existingRunDir, resolveRefs } from './run-reader.ts';

/** Options of {@link readEventPages}. */
export interface EventPagesOptions {
  /** The first seq wanted: lines before it are recognised by their envelope and not parsed. */
  fromSeq: number;
  /** Events per page at most (default 500). */
  pageEvents?: number;
  /** Characters of log lines per page at most (default 1 MiB); a page holds at least one event. */
  pageChars?: number;
  /** Bytes read from the file at a time (default 64 KiB). */
  chunkBytes?: number;
}

const NEWLINE = 0x0a;

/**
 * A run's logged events with `seq >= fromSeq`, in order, in pages, value refs resolved: events.jsonl is read a chunk
 * at a time, so a large log is never held whole, and only a page's values are read at once. Reading a run still being
 * written is safe: it stops at the end of the file as it is then, and a last line without its newline (still being
 * appended, or cut off by a crash) is taken when it parses and otherwise left out.
 *
 * OPR-150 for an unknown run (before the first page), OPR-154 for a damaged line; a run with no events.jsonl yet has
 * no pages. Breaking out of the loop closes the file.
 */
export async function* readEventPages(runsDir: string, runId: string, options: EventPagesOptions): AsyncGenerator<EngineEvent[]> {
  const dir = await existingRunDir(runsDir, runId);
  const file = path.join(dir, EVENTS_FILE);
  const pageEvents = options.pageEvents ?? 500;
  const pageChars = options.pageChars ?? 1024 * 1024;
  const chunk = Buffer.alloc(options.chunkBytes ?? 64 * 1024);
  let handle: FileHandle;
  try {
    handle = await open(file, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw new OperonError('OPR-110', `Could not read ${file}: ${(error as Error).message}`, { cause: error });
  }
  try {
    let page: EngineEvent[] = [];
    let chars = 0;
    let lineNumber = 0;
    let carry = Buffer.alloc(0);
    let position = 0;
    const take = (raw: string, last: boolean): void => {
      lineNumber++;
      if (raw.trim() === '') return;
      const seq = envelopeSeq(raw);
      if (seq !== undefined && seq < options.fromSeq) return;
      let json: unknown;
      try {
        json = JSON.parse(raw);
      } catch (error) {
        if (last) return; // being appended right now, or cut off by a crash
        throw damaged(file, lineNumber, `is not valid JSON (${(error as Error).message})`);
      }
      const parsed = EngineEventSchema.safeParse(json);
      if (!parsed.success) throw damaged(file, lineNumber, `is not an engine event (${parsed.error.issues[0]?.message ?? 'invalid'})`);
      if (parsed.data.seq < options.fromSeq) return;
      page.push(parsed.data);
      chars += raw.length;
    };
    const full = (): boolean => page.length >= pageEvents || chars >= pageChars;
    const resolved = async (): Promise<EngineEvent[]> => {
      const values = new Map<string, string>();
      const out: EngineEvent[] = [];
      for (const event of page) out.push(await resolveRefs(event, dir, values));
      page = [];
      chars = 0;
      return out;
    };
    for (;;) {
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, position);
      if (bytesRead === 0) break;
      position += bytesRead;
      const buffer = carry.length === 0 ? chunk.subarray(0, bytesRead) : Buffer.concat([carry, chunk.subarray(0, bytesRead)]);
      let start = 0;
      for (let end = buffer.indexOf(NEWLINE, start); end !== -1; end = buffer.indexOf(NEWLINE, start)) {
        take(buffer.toString('utf8', start, end), false);
        start = end + 1;
        if (full()) yield await resolved();
      }
      carry = Buffer.from(buffer.subarray(start)); // a copy: `chunk` is read into again
    }
    if (carry.length > 0) take(carry.toString('utf8'), true);
    if (page.length > 0) yield await resolved();
  } finally {
    await handle.close();
  }
}
