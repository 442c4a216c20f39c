import { appendFile, link, lstat, mkdir, readFile, realpath, rm, writeFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { FileService, WriteMode } from '../../src-shared/services/files.ts';
import { OperonError } from '../../src-shared/errors/operon-error.ts';
import { writeFileAtomic } from './atomic-write.ts';

/**
 * A FileService confined to `filesRoot`. Paths are relative to it, with `/` (or `\`) separators. Absolute paths,
 * `..` that leaves the folder, and symlinks (of the file or any folder on the way) that resolve outside it are
 * OPR-109; read and write failures are OPR-110 naming the relative path.
 *
 * The check runs before each access, so a link swapped in between by another process is not caught: this guards
 * workflows against mistakes and hostile paths, not against a hostile local user.
 */
export function createFileService(filesRoot: string): FileService {
  const root = path.resolve(filesRoot);

  /** The absolute path of `relative`, after the lexical and symlink checks. */
  const resolveInside = async (relative: string): Promise<{ absolute: string; shown: string }> => {
    const shown = lexicalCheck(relative);
    const absolute = path.join(root, ...shown.split('/'));
    const realRoot = await realpath(root).catch(() => root); // not created yet: nothing under it can be a link
    const target = await nearestExisting(absolute, root);
    if (target !== undefined) {
      let real: string;
      try {
        real = await realpath(target);
      } catch {
        throw escape(relative, 'it is a symlink that points nowhere');
      }
      if (!isInside(realRoot, real)) throw escape(relative, 'it leads outside the files folder through a symlink');
    }
    return { absolute, shown };
  };

  return {
    async readText(relative, signal) {
      const { absolute, shown } = await resolveInside(relative);
      try {
        return await readFile(absolute, { encoding: 'utf8', ...(signal === undefined ? {} : { signal }) });
      } catch (error) {
        if (signal?.aborted === true) throw signal.reason;
        throw fileError(shown, 'read', error);
      }
    },
    async writeText(relative, text, mode) {
      const { absolute, shown } = await resolveInside(relative);
      try {
        await mkdir(path.dirname(absolute), { recursive: true });
        if (mode === 'append') await appendFile(absolute, text);
        else await writeWhole(absolute, text, mode);
      } catch (error) {
        throw fileError(shown, 'write', error);
      }
      return { path: shown, bytes: Buffer.byteLength(text) };
    },
  };
}

/**
 * Writes a whole file atomically, so a process killed while writing leaves the old content or the new, never part:
 * the text goes to a temporary file beside it, then a rename (overwrite, through a symlink that stays inside) or a
 * hard link that fails if the file exists (create). Write file's interrupt policy relies on this (rerun an overwrite).
 */
async function writeWhole(absolute: string, text: string, mode: Exclude<WriteMode, 'append'>): Promise<void> {
  if (mode === 'overwrite') {
    await writeFileAtomic(await realpath(absolute).catch(() => absolute), text);
    return;
  }
  const temp = `${absolute}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    await writeFile(temp, text, { flag: 'wx' });
    await link(temp, absolute);
  } finally {
    await rm(temp, { force: true });
  }
}

/** Normalises a relative path to `a/b/c` form; rejects empty, absolute and escaping paths. */
function lexicalCheck(relative: string): string {
  if (relative.includes('\0')) throw escape(relative, 'it contains a NUL character');
  if (path.posix.isAbsolute(relative) || path.win32.isAbsolute(relative) || /^[A-Za-z]:/.test(relative)) {
    throw escape(relative, 'it is absolute; use a path relative to the files folder');
  }
  const parts: string[] = [];
  for (const part of relative.split(/[\\/]+/)) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (parts.pop() === undefined) throw escape(relative, 'it leads outside the files folder');
      continue;
    }
    parts.push(part);
  }
  if (parts.length === 0)
    throw new OperonError('OPR-110', `No file named: ${JSON.stringify(relative)} is the files folder itself`, {
      details: { path: relative },
    });
  return parts.join('/');
}

/** `absolute` if it exists (a dangling link counts), else its nearest existing parent up to `root`. */
async function nearestExisting(absolute: string, root: string): Promise<string | undefined> {
  let current = absolute;
  for (;;) {
    try {
      await lstat(current);
      return current;
    } catch {
      if (current === root) return undefined;
      const parent = path.dirname(current);
      if (parent === current) return undefined;
      current = parent;
    }
  }
}

function isInside(root: string, candidate: string): boolean {
  const relative = path.relative(root, candidate);
  return relative === '' || (relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative));
}

function escape(relative: string, why: string): OperonError {
  return new OperonError('OPR-109', `Path ${JSON.stringify(relative)} is not allowed: ${why}`, { details: { path: relative } });
}

function fileError(shown: string, action: 'read' | 'write', error: unknown): OperonError {
  const code = (error as NodeJS.ErrnoException).code;
  const reason =
    code === 'ENOENT'
      ? 'no such file'
      : code === 'EEXIST'
        ? 'it already exists'
        : code === 'EISDIR'
          ? 'it is a folder'
          : (error as Error).message;
  return new OperonError('OPR-110', `Could not ${action} ${shown}: ${reason}`, {
    details: { path: shown, ...(code === undefined ? {} : { code }) },
    cause: error,
  });
}
