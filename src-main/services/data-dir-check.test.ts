import { chmod, mkdir, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkDataDir } from './data-dir-check.ts';
import { canDropWriteAccess, mountTmpfs, type TestMount } from './testing/tmpfs.ts';
import { tempDir } from './test-support.ts';

const mounts: TestMount[] = [];
afterAll(async () => {
  for (const mount of mounts) await mount.unmount();
});

describe('checkDataDir', () => {
  it('accepts a writable folder and leaves nothing in it', async () => {
    const dir = await tempDir();
    await checkDataDir(dir);
    expect(await readdir(dir)).toEqual([]);
  });

  it('creates a missing folder', async () => {
    const dir = path.join(await tempDir(), 'new', 'data');
    await checkDataDir(dir);
    expect(await readdir(dir)).toEqual([]);
  });

  it('refuses a folder under /proc, /sys or /dev, naming it and why', async () => {
    for (const dir of ['/proc/x', '/sys/operon', '/dev/shm/../operon']) {
      await expect(checkDataDir(path.resolve(dir))).rejects.toMatchObject({
        code: 'OPR-173',
        message: expect.stringMatching(
          /^The data folder \/(proc|sys|dev)\S* cannot be used: it is under \/(proc|sys|dev), which belongs to the kernel/,
        ) as unknown,
      });
    }
  });

  it('refuses a file, and a folder inside a file', async () => {
    const file = path.join(await tempDir(), 'data');
    await writeFile(file, 'not a folder');
    await expect(checkDataDir(file)).rejects.toMatchObject({
      code: 'OPR-173',
      message: `The data folder ${file} cannot be used: it is a file, not a folder`,
    });
    await expect(checkDataDir(path.join(file, 'inner'))).rejects.toMatchObject({
      code: 'OPR-173',
      message: expect.stringContaining('ENOTDIR') as unknown,
    });
  });

  it('refuses a folder it cannot write in (chmod 0555)', async (context) => {
    if (!canDropWriteAccess()) {
      console.log('skipped: chmod 0555 does not stop root from writing; the read-only mount test below covers it');
      context.skip();
    }
    const dir = path.join(await tempDir(), 'locked');
    await mkdir(dir);
    await chmod(dir, 0o555);
    await expect(checkDataDir(dir)).rejects.toMatchObject({ code: 'OPR-173', message: expect.stringContaining('EACCES') as unknown });
    await chmod(dir, 0o755);
  });

  it('refuses a read-only file system', async (context) => {
    const mount = await mountTmpfs('size=1m,ro', 'read-only data folder');
    if (mount === undefined) return context.skip();
    mounts.push(mount);
    await expect(checkDataDir(mount.dir)).rejects.toMatchObject({
      code: 'OPR-173',
      message: expect.stringMatching(/a file cannot be written in it \(EROFS/) as unknown,
    });
  });
});
