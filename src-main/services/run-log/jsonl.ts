import { open } from 'node:fs/promises';
import { OperonError } from '../../../src-shared/errors/operon-error.ts';

/** One parsed line of a JSON Lines file, with its 1-based line number. */
export interface JsonLine {
  line: number;
  value: unknown;
}

/**
 * Parses a JSON Lines text written by the run recorder. A last line without its newline (a process killed mid-write)
 * is kept when it parses and otherwise ignored with a warning; any other line that does not parse is damage:
 * OPR-154 naming the file and line. Blank lines are skipped, and so are lines `select` skips (it may also stop the
 * reading: what is left is not read).
 */
export function parseJsonLines(
  text: string,
  file: string,
  select: (raw: string) => 'parse' | 'skip' | 'stop' = () => 'parse',
): { lines: JsonLine[]; warnings: string[] } {
  const lines: JsonLine[] = [];
  const warnings: string[] = [];
  const parts = text.split('\n');
  const last = parts.length - 1; // text ending in '\n' leaves an empty last part
  for (let index = 0; index <= last; index++) {
    const raw = parts[index] ?? '';
    if (raw.trim() === '') continue;
    const choice = select(raw);
    if (choice === 'stop') break;
    if (choice === 'skip') continue;
    try {
      lines.push({ line: index + 1, value: JSON.parse(raw) });
    } catch (error) {
      if (index === last) {
        warnings.push(
          `${file}: ignored an incomplete last line ${index + 1} (${raw.length} characters); the process writing it was probably stopped`,
        );
        continue;
      }
      throw damaged(file, index + 1, `is not valid JSON (${(error as Error).message})`);
    }
  }
  return { lines, warnings };
}

/** OPR-154 for a bad line in a run log. */
export function damaged(file: string, line: number, problem: string): OperonError {
  return new OperonError('OPR-154', `Run log ${file} line ${line} ${problem}`, { details: { file, line } });
}

/**
 * Makes a JSON Lines file safe to append to after a crash: when its last line has no newline, the line is ended
 * if it is complete JSON and cut off otherwise. Returns what it did; a missing file is fine.
 */
export async function repairJsonlTail(file: string): Promise<'ok' | 'missing' | 'ended' | 'truncated'> {
  let handle;
  try {
    handle = await open(file, 'r+');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'missing';
    throw error;
  }
  try {
    const { size } = await handle.stat();
    if (size === 0) return 'ok';
    const lastByte = Buffer.alloc(1);
    await handle.read(lastByte, 0, 1, size - 1);
    if (lastByte[0] === 0x0a) return 'ok';
    // Read backwards in chunks to the previous newline.
    const chunks: Buffer[] = [];
    let start = size;
    let newlineAt = -1;
    while (start > 0 && newlineAt < 0) {
      const length = Math.min(65_536, start);
      start -= length;
      const chunk = Buffer.alloc(length);
      await handle.read(chunk, 0, length, start);
      chunks.unshift(chunk);
      const found = chunk.lastIndexOf(0x0a);
      if (found >= 0) newlineAt = start + found;
    }
    const tailStart = newlineAt + 1;
    const tail = Buffer.concat(chunks)
      .subarray(tailStart - start)
      .toString('utf8');
    if (isJson(tail)) {
      await handle.write('\n', size);
      return 'ended';
    }
    await handle.truncate(tailStart);
    return 'truncated';
  } finally {
    await handle.close();
  }
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
