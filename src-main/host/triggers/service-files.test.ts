import { appendFile, mkdtemp, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Firing } from '../../../src-shared/triggers/service-schemas.ts';
import { createActivationStore } from './activation-store.ts';
import { createFiringLog } from './firing-log.ts';
import { createFiringQueue } from './firing-queue.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'operon-service-files-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const firing = (n: number, workflowId = 'a'): Firing => ({
  id: `f-${n}`,
  at: 1_000 + n,
  workflowId,
  nodeId: 'hook',
  kind: 'webhook',
  payloadBytes: 10,
  outcome: 'started',
  runId: `r-${n}`,
});

describe('the service files', () => {
  it('a damaged activation file is named in the error and never overwritten', async () => {
    const store = createActivationStore(dir);
    await writeFile(store.file, '{"version":1,"workflows":{"a":{"active":"yes"}}}');
    await expect(store.read()).rejects.toMatchObject({ code: 'OPR-232', message: expect.stringContaining(store.file) as unknown });
    await expect(store.set('b', { active: true, changedAt: 1, changedBy: 'ana' })).rejects.toMatchObject({ code: 'OPR-232' });
    expect(await readFile(store.file, 'utf8')).toBe('{"version":1,"workflows":{"a":{"active":"yes"}}}');
  });

  it('two activations at once both stay', async () => {
    const store = createActivationStore(dir);
    await Promise.all([
      store.set('a', { active: true, changedAt: 1, changedBy: 'x' }),
      store.set('b', { active: false, changedAt: 2, changedBy: 'y' }),
    ]);
    expect(Object.keys(await store.read()).sort()).toEqual(['a', 'b']);
  });

  it('the firing log reads newest first, filtered and paged, and skips a line a killed process cut short', async () => {
    await mkdir(dir, { recursive: true });
    const before = createFiringLog(dir);
    for (const n of [1, 2, 3]) await before.append(firing(n, n === 2 ? 'b' : 'a'));
    await appendFile(before.file, '{"id":"f-4","at":10');
    expect((await createFiringLog(dir).read({ limit: 10 })).map((line) => line.id)).toEqual(['f-3', 'f-2', 'f-1']);
    const after = createFiringLog(dir);
    await after.append(firing(5));
    expect((await after.read({ limit: 10 })).map((line) => line.id)).toEqual(['f-5', 'f-3', 'f-2', 'f-1']);
    expect((await after.read({ limit: 10, workflowId: 'a' })).map((line) => line.id)).toEqual(['f-5', 'f-3', 'f-1']);
    expect((await after.read({ limit: 1, before: 1_003 })).map((line) => line.id)).toEqual(['f-2']);
  });

  it('the queue keeps its firings, oldest first, across a new reader; a damaged one is refused (OPR-233)', async () => {
    const queue = createFiringQueue(dir);
    await queue.load();
    for (const n of [1, 2, 3])
      await queue.push({ id: `f-${n}`, at: n, workflowId: n === 2 ? 'b' : 'a', nodeId: 'hook', kind: 'webhook', payload: { n } });
    const reread = createFiringQueue(dir);
    await reread.load();
    expect(reread.count('a')).toBe(2);
    expect((await reread.shift('a'))?.id).toBe('f-1');
    const third = createFiringQueue(dir);
    await third.load();
    expect(third.waiting('a').map((queued) => queued.id)).toEqual(['f-3']);
    await writeFile(third.file, 'not json');
    await expect(createFiringQueue(dir).load()).rejects.toMatchObject({ code: 'OPR-233' });
  });
});
