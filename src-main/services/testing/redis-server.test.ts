import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redisSkipReason, startRedisServer, type RedisServer } from './redis-server.ts';

const skip = redisSkipReason();
if (skip !== undefined) console.warn(skip);

describe.skipIf(skip !== undefined)('the test Redis', () => {
  let redis: RedisServer;
  beforeAll(async () => {
    redis = await startRedisServer();
  });
  afterAll(async () => {
    await redis.close();
  });

  it('keeps an acknowledged write across a restart on the same port and folder (AOF)', async () => {
    const before = new Redis(redis.url, { lazyConnect: true });
    await before.connect();
    await before.set('operon:test', 'kept');
    before.disconnect();
    await redis.restart();
    const after = new Redis(redis.url, { lazyConnect: true });
    await after.connect();
    expect(await after.get('operon:test')).toBe('kept');
    after.disconnect();
  });
});
