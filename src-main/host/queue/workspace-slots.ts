import type { Redis } from 'ioredis';

/**
 * Per-workspace concurrency across every worker: a Redis sorted set per workspace holds one lease per run going on
 * (member: the job id, score: when the lease ends, by Redis's clock). A worker takes a lease before it runs a job and
 * renews it while the run goes on; a worker that dies stops renewing, so its leases lapse on their own (no count left
 * too high by a crash, which a plain INCR/DECR counter would be). BullMQ's own per-group limits are a BullMQ Pro
 * feature; one queue per workspace would need a worker per workspace. Both sides agree through Redis alone.
 */
export interface WorkspaceSlots {
  /** Takes a place for `jobId` in `workspace` (true), or false when `limit` runs of it go on already. */
  take(workspace: string, jobId: string, limit: number): Promise<boolean>;
  /** Extends the lease of a place held. */
  renew(workspace: string, jobId: string): Promise<void>;
  release(workspace: string, jobId: string): Promise<void>;
  /** How many places are held in `workspace` now. */
  held(workspace: string): Promise<number>;
}

const TAKE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
local held = redis.call('ZSCORE', KEYS[1], ARGV[1])
if held or redis.call('ZCARD', KEYS[1]) < tonumber(ARGV[2]) then
  redis.call('ZADD', KEYS[1], now + tonumber(ARGV[3]), ARGV[1])
  redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[3]) * 2)
  return 1
end
return 0
`;

const RENEW = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
if redis.call('ZSCORE', KEYS[1], ARGV[1]) then
  redis.call('ZADD', KEYS[1], now + tonumber(ARGV[2]), ARGV[1])
  redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[2]) * 2)
end
return 0
`;

export function workspaceSlots(redis: Redis, leaseMs: number): WorkspaceSlots {
  const key = (workspace: string) => `operon:slots:${workspace}`;
  return {
    async take(workspace, jobId, limit) {
      return (await redis.eval(TAKE, 1, key(workspace), jobId, limit, leaseMs)) === 1;
    },
    async renew(workspace, jobId) {
      await redis.eval(RENEW, 1, key(workspace), jobId, leaseMs);
    },
    async release(workspace, jobId) {
      await redis.zrem(key(workspace), jobId);
    },
    async held(workspace) {
      await redis.zremrangebyscore(key(workspace), '-inf', Date.now());
      return redis.zcard(key(workspace));
    },
  };
}
