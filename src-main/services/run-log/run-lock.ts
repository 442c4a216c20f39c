import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { OperonError } from '../../../src-shared/errors/operon-error.ts';
import { currentHost, isPidAlive } from './process-alive.ts';
import { LOCK_FILE, runDirOf } from './run-layout.ts';

/** An exclusive hold on a run (`runs/<runId>/run.lock`) while a process writes it. */
export interface RunLock {
  path: string;
  /** Removes the lock file if it is still ours. Safe to call twice. */
  release(): Promise<void>;
}

interface LockContent {
  pid: number;
  host: string;
  token: string;
  at: number;
}

/** A takeover marker older than this is left over from a crash and may be removed. */
const TAKEOVER_STALE_MS = 10_000;

/**
 * Takes the lock of a run, creating its folder if needed. The lock file (created with flag 'wx') holds the pid and
 * host. A lock whose process is dead (same host) is stale and taken over; a live one, or one held on another machine,
 * is OPR-153. Takeovers are serialised through a second marker file, so two processes cannot both take over.
 */
export async function acquireRunLock(runsDir: string, runId: string): Promise<RunLock> {
  const dir = runDirOf(runsDir, runId);
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, LOCK_FILE);
  const mine: LockContent = { pid: process.pid, host: currentHost(), token: randomBytes(8).toString('hex'), at: Date.now() };
  for (let attempt = 0; attempt < 20; attempt++) {
    if (await createExclusive(file, mine)) return lockHandle(file, mine.token);
    const holder = await readLock(file);
    if (holder === 'missing') continue; // released in between: try again
    if (holder !== 'unreadable' && !isStale(holder)) throw locked(runId, file, holder);
    if (holder === 'unreadable' && (await ageMs(file)) < TAKEOVER_STALE_MS) {
      // Another process is between creating and writing its lock file.
      await delay(20);
      continue;
    }
    if (await takeOver(file, holder, mine)) return lockHandle(file, mine.token);
    await delay(20);
  }
  throw locked(runId, file, await readLock(file));
}

/**
 * Takes the lock of a run whoever holds it: for an `operon worker` (issue 17), where the BullMQ job lock already makes
 * it the only process working on the run, and the previous holder may be a dead worker on another machine (whose lock
 * {@link acquireRunLock} would never call stale). The file then says which worker works on the run now.
 */
export async function claimRunLock(runsDir: string, runId: string): Promise<RunLock> {
  const dir = runDirOf(runsDir, runId);
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, LOCK_FILE);
  const mine: LockContent = { pid: process.pid, host: currentHost(), token: randomBytes(8).toString('hex'), at: Date.now() };
  await writeFile(file, `${JSON.stringify(mine)}\n`);
  return lockHandle(file, mine.token);
}

async function takeOver(file: string, stale: LockContent | 'unreadable', mine: LockContent): Promise<boolean> {
  const marker = `${file}.takeover`;
  if (!(await createExclusive(marker, mine))) {
    const markerHolder = await readLock(marker);
    const abandoned =
      markerHolder === 'missing' || (markerHolder !== 'unreadable' ? isStale(markerHolder) : (await ageMs(marker)) > TAKEOVER_STALE_MS);
    if (abandoned) await rm(marker, { force: true });
    return false;
  }
  try {
    // Under the marker, check that the lock is still the stale one we saw before removing it.
    const current = await readLock(file);
    const same =
      current === 'unreadable' ? stale === 'unreadable' : current !== 'missing' && stale !== 'unreadable' && current.token === stale.token;
    if (current !== 'missing' && !same) return false;
    await rm(file, { force: true });
    return await createExclusive(file, mine);
  } finally {
    await rm(marker, { force: true });
  }
}

function lockHandle(file: string, token: string): RunLock {
  let released = false;
  return {
    path: file,
    async release() {
      if (released) return;
      released = true;
      const holder = await readLock(file);
      if (holder !== 'missing' && holder !== 'unreadable' && holder.token === token) await rm(file, { force: true });
    },
  };
}

async function createExclusive(file: string, content: LockContent): Promise<boolean> {
  try {
    await writeFile(file, `${JSON.stringify(content)}\n`, { flag: 'wx' });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw new OperonError('OPR-110', `Could not create the lock file ${file}: ${(error as Error).message}`, { cause: error });
  }
}

async function readLock(file: string): Promise<LockContent | 'missing' | 'unreadable'> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'missing' : 'unreadable';
  }
  try {
    const value = JSON.parse(text) as Partial<LockContent>;
    if (typeof value.pid === 'number' && typeof value.host === 'string' && typeof value.token === 'string') {
      return { pid: value.pid, host: value.host, token: value.token, at: typeof value.at === 'number' ? value.at : 0 };
    }
  } catch {
    // fall through
  }
  return 'unreadable';
}

/** Stale: held by a process of this machine that no longer exists. A lock from another machine is never stale. */
function isStale(holder: LockContent): boolean {
  return holder.host === currentHost() && !isPidAlive(holder.pid);
}

async function ageMs(file: string): Promise<number> {
  const info = await stat(file).catch(() => undefined);
  return info === undefined ? Number.POSITIVE_INFINITY : Date.now() - info.mtimeMs;
}

function locked(runId: string, file: string, holder: LockContent | 'missing' | 'unreadable'): OperonError {
  const who = typeof holder === 'object' ? ` (process ${holder.pid} on ${holder.host})` : '';
  return new OperonError('OPR-153', `Run ${runId} is locked by another process${who}: ${file}`, {
    details: { runId, file, ...(typeof holder === 'object' ? { pid: holder.pid, host: holder.host } : {}) },
  });
}
