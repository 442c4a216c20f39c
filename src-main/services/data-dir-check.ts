import { randomBytes } from 'node:crypto';
import { mkdir, realpath, rm, stat, statfs, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { OperonError } from '../../src-shared/errors/operon-error.ts';

/** Folders of the kernel's own file systems: never a place for data (writing there fails or loops). */
const SYSTEM_ROOTS = ['/proc', '/sys', '/dev'];

/** statfs types of kernel file systems (Linux magic numbers) that a data folder must not be on. */
const SYSTEM_FS: ReadonlyMap<number, string> = new Map([
  [0x9fa0, 'proc'],
  [0x62656572, 'sysfs'],
  [0x1373, 'devtmpfs'],
  [0x1cd1, 'devpts'],
  [0x64626720, 'debugfs'],
  [0x74726163, 'tracefs'],
  [0x27e0eb, 'cgroup'],
  [0x63677270, 'cgroup2'],
  [0x73636673, 'securityfs'],
  [0x6e736673, 'nsfs'],
]);

/**
 * Checks, at start, that `dir` can hold Operon's data: a folder (created if missing) on a normal file system, not under
 * /proc, /sys or /dev, where a file can be created and removed. Throws OPR-173 naming the folder and the reason (one
 * line, for a person), so a bad `--data-dir` fails before anything runs rather than part-way through a run.
 */
export async function checkDataDir(dir: string): Promise<void> {
  const refuse = (reason: string): OperonError =>
    new OperonError('OPR-173', `The data folder ${dir} cannot be used: ${reason}`, { details: { dir } });
  assertNotSystem(dir, refuse);
  const info = await stat(dir).catch((error: unknown) => {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw refuse(`it cannot be read (${describe(error)})`);
  });
  if (info !== undefined && !info.isDirectory()) throw refuse('it is a file, not a folder');
  if (info === undefined) {
    await mkdir(dir, { recursive: true, mode: 0o700 }).catch((error: unknown) => {
      throw refuse(`it cannot be created (${describe(error)})`);
    });
  }
  assertNotSystem(await realpath(dir), refuse); // a link into /proc
  if (process.platform === 'linux') {
    const type = (await statfs(dir)).type;
    const name = SYSTEM_FS.get(type);
    if (name !== undefined) throw refuse(`it is on the kernel's ${name} file system, not a normal disk`);
  }
  const probe = path.join(dir, `.operon-probe-${process.pid}-${randomBytes(4).toString('hex')}`);
  try {
    await writeFile(probe, 'probe', { flag: 'wx' });
    await rm(probe);
  } catch (error) {
    await rm(probe, { force: true }).catch(() => undefined);
    throw refuse(`a file cannot be written in it (${describe(error)})`);
  }
}

function assertNotSystem(dir: string, refuse: (reason: string) => OperonError): void {
  if (process.platform === 'win32') return;
  const root = SYSTEM_ROOTS.find((r) => dir === r || dir.startsWith(`${r}/`));
  if (root !== undefined) throw refuse(`it is under ${root}, which belongs to the kernel, not a normal folder`);
}

/** An fs error as `CODE: message` without the stack. */
function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
