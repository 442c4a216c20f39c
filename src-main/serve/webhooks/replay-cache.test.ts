import { describe, expect, it } from 'vitest';
import { createReplayCache } from './replay-cache.ts';

describe('the replay cache', () => {
  it('refuses a signature seen before until it is stale, then forgets it', () => {
    const cache = createReplayCache(10);
    expect(cache.remember('a', 1_000, 0)).toBe('fresh');
    expect(cache.remember('a', 1_000, 999)).toBe('replay');
    expect(cache.remember('b', 2_000, 1_000)).toBe('fresh');
    // 'a' went stale at 1,000 (its timestamp would be refused as stale by then): forgotten.
    expect(cache.size).toBe(1);
    expect(cache.remember('a', 3_000, 1_000)).toBe('fresh');
  });

  it('refuses new signatures when full of live ones, rather than forgetting one that could then be replayed', () => {
    const cache = createReplayCache(2);
    expect(cache.remember('a', 5_000, 0)).toBe('fresh');
    expect(cache.remember('b', 1_000, 0)).toBe('fresh');
    expect(cache.remember('c', 5_000, 500)).toBe('full');
    expect(cache.remember('a', 5_000, 500)).toBe('replay');
    // Once 'b' is stale there is room again, even though it is not at the front.
    expect(cache.remember('c', 5_000, 1_500)).toBe('fresh');
    expect(cache.size).toBe(2);
  });
});
