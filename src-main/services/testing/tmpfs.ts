import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** A small tmpfs mounted for a test: a disk that fills up, or one mounted read-only. */
export interface TestMount {
  dir: string;
  /** Mounts it again with other options (`size=64m` for space back, `ro` for read-only). */
  remount(options: string): Promise<void>;
  unmount(): Promise<void>;
}

/**
 * Mounts a tmpfs of `options` (e.g. `size=512k`) on a new temporary folder. Needs root (or CAP_SYS_ADMIN); where the
 * mount is refused, prints a plain line saying so and returns undefined, for the test to skip.
 */
export async function mountTmpfs(options: string, why: string): Promise<TestMount | undefined> {
  if (process.platform !== 'linux') return skipped(why, 'tmpfs mounts are Linux only');
  const dir = await mkdtemp(path.join(os.tmpdir(), 'operon-tmpfs-'));
  try {
    await run('mount', ['-t', 'tmpfs', '-o', options, 'tmpfs', dir]);
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    return skipped(why, `cannot mount a tmpfs here (${(error as Error).message.split('\n')[0] ?? ''})`);
  }
  return {
    dir,
    remount: async (more) => void (await run('mount', ['-o', `remount,${more}`, dir])),
    unmount: async () => {
      await run('umount', [dir]);
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Whether chmod can make a folder read-only for this process (never for root, who writes anyway). */
export function canDropWriteAccess(): boolean {
  return process.platform !== 'win32' && process.getuid?.() !== 0;
}

function skipped(why: string, reason: string): undefined {
  console.log(`skipped: ${why}: ${reason}`);
  return undefined;
}
