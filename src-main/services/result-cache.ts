import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { ResultCache } from '../../src-shared/engine/services.ts';
import { OperonError } from '../../src-shared/errors/operon-error.ts';
import { writeFileAtomic } from './atomic-write.ts';

/** Result-cache keys are SHA-256 hashes in lowercase hex. */
export const CACHE_KEY_PATTERN = /^[0-9a-f]{64}$/;

const CachedResultSchema = z.object({
  outputs: z.record(z.string(), z.unknown()),
  runId: z.string(),
  nodeId: z.string(),
  createdAt: z.number(),
});

/**
 * The result cache as files: `<cacheDir>/<key>.json`, written atomically. An entry that does not read back as a
 * cached result (a truncated or edited file) is a miss, and the next `set` replaces it. A key that is not a SHA-256
 * hex is OPR-110 (it would name a file anywhere).
 */
export function createResultCache(cacheDir: string): ResultCache {
  const fileOf = (key: string): string => {
    if (!CACHE_KEY_PATTERN.test(key))
      throw new OperonError('OPR-110', `Not a result-cache key (a SHA-256 hex): ${JSON.stringify(key)}`, { details: { key } });
    return path.join(cacheDir, `${key}.json`);
  };
  return {
    async get(key) {
      const file = fileOf(key);
      let text: string;
      try {
        text = await readFile(file, 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw new OperonError('OPR-110', `Could not read the cached result ${file}: ${(error as Error).message}`, { cause: error });
      }
      try {
        const parsed = CachedResultSchema.safeParse(JSON.parse(text));
        return parsed.success ? parsed.data : undefined;
      } catch {
        return undefined;
      }
    },
    async set(key, value) {
      const file = fileOf(key);
      await mkdir(cacheDir, { recursive: true });
      await writeFileAtomic(file, JSON.stringify(value));
    },
  };
}
