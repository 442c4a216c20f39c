import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from './test-support.ts';
import { createPinStore } from './pin-store.ts';

const pin = (out: unknown) => ({ outputs: { out }, pinnedAt: 1, by: 'ana' });

describe('createPinStore', () => {
  it('keeps pins set at the same time, one file per workflow', async () => {
    const dir = await tempDir();
    const store = createPinStore(dir);
    expect(await store.list('wf')).toEqual({});
    await Promise.all(['a', 'b', 'c'].map((nodeId, i) => store.set('wf', nodeId, pin(i))));
    expect(await store.list('wf')).toEqual({ a: pin(0), b: pin(1), c: pin(2) });
    expect(JSON.parse(await readFile(path.join(dir, 'wf.json'), 'utf8'))).toMatchObject({ formatVersion: 1, workflowId: 'wf' });
    expect(await Promise.all([store.remove('wf', 'a'), store.remove('wf', 'a')])).toEqual([true, false]);
    expect(Object.keys(await createPinStore(dir).list('wf'))).toEqual(['b', 'c']);
  });

  it('forgets every pin of a deleted workflow, after the writes still queued', async () => {
    const dir = await tempDir();
    const store = createPinStore(dir);
    await store.set('kept', 'a', pin(1));
    const [, removed] = await Promise.all([store.set('gone', 'a', pin(2)), store.removeAll('gone'), store.removeAll('never-pinned')]);
    expect(removed).toBeUndefined();
    expect(await store.list('gone')).toEqual({});
    expect(await store.list('kept')).toEqual({ a: pin(1) });
  });

  it('refuses ids that leave the folder and reports a damaged file (OPR-110)', async () => {
    const dir = await tempDir();
    const store = createPinStore(dir);
    await expect(store.list('../x')).rejects.toMatchObject({ code: 'OPR-160' });
    await writeFile(path.join(dir, 'wf.json'), '{"pins": 1');
    await expect(store.list('wf')).rejects.toMatchObject({ code: 'OPR-110' });
    await expect(store.set('wf', 'a', pin(1))).rejects.toMatchObject({ code: 'OPR-110' });
    expect(await readFile(path.join(dir, 'wf.json'), 'utf8')).toBe('{"pins": 1');
  });
});
