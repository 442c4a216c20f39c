/**
 * The signatures seen within the tolerance window, so a captured signed request cannot be sent again while its
 * timestamp would still pass. Bounded: each entry is forgotten once its timestamp is stale (it would be refused as such
 * anyway), and when `maxEntries` live signatures are held a new one is refused rather than an old one forgotten (which
 * would let that one be replayed).
 */
export interface ReplayCache {
  /** 'fresh' and remembered, 'replay' when seen before, 'full' when the cache holds `maxEntries` live signatures. */
  remember(signature: string, expiresAtMs: number, nowMs: number): 'fresh' | 'replay' | 'full';
  readonly size: number;
}

export function createReplayCache(maxEntries: number): ReplayCache {
  /** Signature → when it goes stale (ms). Insertion order is roughly expiry order: the front is pruned first. */
  const seen = new Map<string, number>();
  const prune = (nowMs: number, everything: boolean): void => {
    for (const [signature, expiresAt] of seen) {
      if (expiresAt <= nowMs) seen.delete(signature);
      else if (!everything) break;
    }
  };
  return {
    remember(signature, expiresAtMs, nowMs) {
      prune(nowMs, false);
      const known = seen.get(signature);
      if (known !== undefined && known > nowMs) return 'replay';
      if (seen.size >= maxEntries) {
        prune(nowMs, true);
        if (seen.size >= maxEntries) return 'full';
      }
      seen.set(signature, expiresAtMs);
      return 'fresh';
    },
    get size() {
      return seen.size;
    },
  };
}
