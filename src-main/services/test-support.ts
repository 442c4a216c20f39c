import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { onTestFinished } from 'vitest';
import type { EngineEvent, EventBody } from '../../src-shared/engine/events.ts';

/** A fresh temporary folder for the current test, removed when it finishes. */
export async function tempDir(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'operon-services-'));
  onTestFinished(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

/** Numbers and stamps event bodies for one run, as the engine does. */
export function eventsFor(runId: string, firstSeq = 0): (body: EventBody) => EngineEvent {
  let seq = firstSeq;
  return (body) => ({ ...body, seq: seq++, ts: 1_700_000_000_000 + seq, runId });
}

/** The totals of a finished run, for tests that do not care about them. */
export const someTotals = { nodes: 1, succeeded: 1, failed: 0, skipped: 0, cached: 0, executions: 1, durationMs: 5 };

/** The parsed lines of a JSON Lines file. */
export async function readLines(file: string): Promise<Record<string, unknown>[]> {
  const text = await readFile(file, 'utf8');
  return text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

/**
 * Every file under `dir`, recursively, as absolute paths, walked a folder at a time: a folder or file that goes while it
 * is walked (a lock another process held for a moment) is skipped, where a recursive readdir would fail on it.
 */
export async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(gone);
  const files: string[] = [];
  for (const entry of entries ?? []) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) files.push(...(await listFiles(full)));
    else if (entry.isFile()) files.push(full);
  }
  return files;
}

/** Undefined for a path that no longer exists (a lock another process held for a moment); any other error is thrown. */
export function gone(error: unknown): undefined {
  if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
  throw error;
}

/** The pid of a process that has exited (and been reaped). */
export async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', ''], { stdio: 'ignore' });
  const pid = child.pid;
  await new Promise((resolve) => child.once('exit', resolve));
  if (pid === undefined) throw new Error('could not start a process');
  return pid;
}
