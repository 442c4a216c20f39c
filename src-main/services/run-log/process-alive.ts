import { hostname } from 'node:os';

/** Whether a process with this id exists on this machine (EPERM means it exists but belongs to someone else). */
export function isPidAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** This machine's name, as recorded in run.json and lock files. */
export function currentHost(): string {
  return hostname();
}
