import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createResultCache } from './result-cache.ts';
import { tempDir } from './test-support.ts';

const key = 'a'.repeat(64);
const entry = { outputs: { text: 'hello', n: 2 }, runId: 'r1', nodeId: 'llm', createdAt: 123 };

describe('createResultCache', () => {
  it('round-trips an entry', async () => {
    const dir = path.join(await tempDir(), 'cache');
    const cache = createResultCache(dir);
    expect(await cache.get(key)).toBeUndefined();
    await cache.set(key, entry);
    expect(await cache.get(key)).toEqual(entry);
    expect(await createResultCache(dir).get(key)).toEqual(entry);
  });

  it('treats a corrupted or foreign entry as a miss, and set repairs it', async () => {
    const dir = await tempDir();
    const cache = createResultCache(dir);
    await writeFile(path.join(dir, `${key}.json`), '{"outputs":{"text":"hel');
    expect(await cache.get(key)).toBeUndefined();
    await writeFile(path.join(dir, `${key}.json`), '{"something":"else"}');
    expect(await cache.get(key)).toBeUndefined();
    await cache.set(key, entry);
    expect(await cache.get(key)).toEqual(entry);
  });

  it('rejects keys that are not a sha256 hex', async () => {
    const cache = createResultCache(await tempDir());
    await expect(cache.get('../../etc/passwd')).rejects.toMatchObject({ code: 'OPR-110' });
    await expect(cache.set('ABC', entry)).rejects.toMatchObject({ code: 'OPR-110' });
  });
});
