import { Redis } from 'ioredis';
import { OperonError } from '../../../src-shared/errors/operon-error.ts';

/**
 * A connection to queue mode's Redis from `redis://[user:password@]host:port[/db]` (or `rediss://` for TLS). Commands
 * sent while Redis is away (restarting) wait in ioredis's offline queue and go when it is back, with no limit on
 * retries (BullMQ needs `maxRetriesPerRequest: null`): an enqueue during a Redis restart is late, never lost.
 * OPR-300 for a URL that is not a Redis URL.
 */
export function connectRedis(url: string, name: string): Redis {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new OperonError('OPR-300', `--queue must be a Redis URL such as redis://127.0.0.1:6379, not ${JSON.stringify(url)}`);
  }
  if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:')
    throw new OperonError('OPR-300', `--queue must be a redis:// or rediss:// URL, not ${JSON.stringify(url)}`);
  return new Redis(url, {
    connectionName: name,
    maxRetriesPerRequest: null,
    // Reconnect soon after Redis comes back, without hammering it while it is away.
    retryStrategy: (times) => Math.min(100 * times, 2_000),
  });
}

/** Closes a connection, waiting for it to end (a connection that never connected ends at once). */
export async function closeRedis(redis: Redis): Promise<void> {
  if (redis.status === 'end') return;
  try {
    await redis.quit();
  } catch {
    redis.disconnect();
  }
}
