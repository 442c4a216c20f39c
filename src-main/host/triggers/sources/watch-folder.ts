import { lstat, mkdir, realpath } from 'node:fs/promises';
import path from 'node:path';
import { watchFolderProblem } from '../../../../src-shared/nodes/types/triggers/file-watch-trigger.ts';

/** A folder a File watch trigger may watch: its real path, and the files folder's (payload paths are relative to it). */
export interface WatchFolder {
  real: string;
  filesRoot: string;
}

/**
 * Where a File watch trigger's `folder` is on the disk, created when missing; a problem (OPR-241) for one that is not
 * inside the files folder, by its name or by where it really leads (a symlink to elsewhere).
 */
export async function resolveWatchFolder(filesFolder: string, folder: string): Promise<WatchFolder | { problem: string }> {
  const named = watchFolderProblem(folder);
  if (named !== undefined) return { problem: `OPR-241 ${named}` };
  await mkdir(filesFolder, { recursive: true, mode: 0o700 });
  const filesRoot = await realpath(filesFolder);
  const wanted = path.join(filesRoot, folder);
  const outside = (real: string): { problem: string } => ({
    problem: `OPR-241 the folder ${JSON.stringify(folder)} leads outside the workspace's files folder (to ${real}): it is not watched`,
  });
  // Where the part that exists leads is checked before anything is created, so no folder is made outside.
  const existing = await realpath(await deepestExisting(wanted));
  if (!isInside(filesRoot, existing)) return outside(existing);
  await mkdir(wanted, { recursive: true });
  const real = await realpath(wanted);
  return isInside(filesRoot, real) ? { real, filesRoot } : outside(real);
}

async function deepestExisting(folder: string): Promise<string> {
  for (let current = folder; ; current = path.dirname(current)) {
    try {
      await lstat(current);
      return current;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || path.dirname(current) === current) throw error;
    }
  }
}

/** Whether `child` is `parent` or inside it (both real, absolute paths). */
export function isInside(parent: string, child: string): boolean {
  const relative = path.relative(parent, child);
  return relative === '' || (relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative));
}
