import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';

/**
 * The run's own lock in queue mode, in Redis: one worker works on a run at a time, across machines (the run's lock
 * file, run-lock.ts, only holds on one machine). A worker takes the lease before it touches a run and renews it while
 * the run goes on; a worker that dies stops renewing, and the lease lapses with its BullMQ job lock. Two jobs of one
 * run (a start handed back after a stall and a resume asked for by a person) therefore never run together: the second
 * waits for the lease, then finds from the log what is left to do. The serving host reads the lease to tell a run
 * going on at a worker from an interrupted one.
 */
export interface RunLeases {
  /** Takes the lease of the run for this worker (true), or false when another worker holds it. */
  take(workspace: string, runId: string): Promise<boolean>;
  renew(workspace: string, runId: string): Promise<void>;
  release(workspace: string, runId: string): Promise<void>;
  /** Which worker holds the run's lease now, if any. */
  holder(workspace: string, runId: string): Promise<string | undefined>;
}

const RENEW = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end return 0`;
const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;

/** A worker's name in leases: its host, its pid and a random part (two workers in one process differ). */
export function workerName(host: string, pid: number): string {
  return `${host}:${pid}:${randomBytes(3).toString('hex')}`;
}

export function runLeases(redis: Redis, leaseMs: number, worker: string): RunLeases {
  const key = (workspace: string, runId: string) => `operon:run:${workspace}/${runId}`;
  return {
    async take(workspace, runId) {
      const k = key(workspace, runId);
      if ((await redis.set(k, worker, 'PX', leaseMs, 'NX')) === 'OK') return true;
      // Ours already (a job of the run taken again by this same worker).
      return (await redis.eval(RENEW, 1, k, worker, leaseMs)) === 1;
    },
    async renew(workspace, runId) {
      await redis.eval(RENEW, 1, key(workspace, runId), worker, leaseMs);
    },
    async release(workspace, runId) {
      await redis.eval(RELEASE, 1, key(workspace, runId), worker);
    },
    async holder(workspace, runId) {
      return (await redis.get(key(workspace, runId))) ?? undefined;
    },
  };
}
