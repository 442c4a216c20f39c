import { readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { acquireRunLock } from './run-lock.ts';
import { deadPid, tempDir } from '../test-support.ts';

describe('acquireRunLock', () => {
  it('holds the run exclusively until released', async () => {
    const runsDir = await tempDir();
    const lock = await acquireRunLock(runsDir, 'r1');
    expect(JSON.parse(await readFile(lock.path, 'utf8'))).toMatchObject({ pid: process.pid });
    await expect(acquireRunLock(runsDir, 'r1')).rejects.toMatchObject({ code: 'OPR-153', details: { pid: process.pid } });
    await lock.release();
    const again = await acquireRunLock(runsDir, 'r1');
    await again.release();
  });

  it('takes over a lock whose process is dead', async () => {
    const runsDir = await tempDir();
    const file = path.join(runsDir, 'r2', 'run.lock');
    const first = await acquireRunLock(runsDir, 'r2');
    await first.release();
    await writeFile(file, JSON.stringify({ pid: await deadPid(), host: os.hostname(), token: 'old', at: 1 }));
    const lock = await acquireRunLock(runsDir, 'r2');
    expect(JSON.parse(await readFile(file, 'utf8'))).toMatchObject({ pid: process.pid });
    await lock.release();
  });

  it('never takes over a lock held on another machine, and release leaves a lock that is not ours', async () => {
    const runsDir = await tempDir();
    const lock = await acquireRunLock(runsDir, 'r3');
    const foreign = JSON.stringify({ pid: await deadPid(), host: 'another-host', token: 'theirs', at: 1 });
    await writeFile(lock.path, foreign);
    await expect(acquireRunLock(runsDir, 'r3')).rejects.toMatchObject({ code: 'OPR-153', details: { host: 'another-host' } });
    await lock.release();
    expect(await readFile(lock.path, 'utf8')).toBe(foreign);
  });

  it('rejects an unsafe run id', async () => {
    const runsDir = await tempDir();
    await expect(acquireRunLock(runsDir, '../x')).rejects.toMatchObject({ code: 'OPR-150' });
  });
});
