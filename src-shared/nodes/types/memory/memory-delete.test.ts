import { describe, expect, it } from 'vitest';
import { createCheckHelpers } from '../../test-context.ts';
import { memoryDelete } from './memory-delete.ts';
import { createMemoryHarness, oneNode } from './memory-test-harness.ts';

const SOURCE = { runId: 'run-0', nodeId: 'seed' };

async function seeded() {
  const h = createMemoryHarness();
  const records = await h.store.write(
    [
      { collection: 'notes', text: 'one', key: 'k1', tags: ['draft'] },
      { collection: 'notes', text: 'two', key: 'k2', metadata: { lang: 'en' } },
      { collection: 'faq', text: 'three', key: 'k1', tags: ['draft'] },
    ],
    SOURCE,
  );
  return { h, ids: records.map((record) => record.id) };
}

const texts = (h: ReturnType<typeof createMemoryHarness>) => h.store.records().map((record) => record.text);
const problems = (config: Record<string, unknown>) => memoryDelete.check(memoryDelete.config.parse(config), createCheckHelpers());

describe('core.memory-delete', () => {
  it('refuses to delete with no selector unless all is set', () => {
    expect(problems({})).toEqual([{ path: 'all', message: expect.stringContaining('no selector') }]);
    expect(problems({ collection: 'notes' })).toEqual([{ path: 'all', message: expect.stringContaining('no selector') }]);
    expect(problems({ collection: 'notes', all: true })).toEqual([]);
    expect(problems({ all: true, tags: ['x'] })).toEqual([{ path: 'all', message: expect.stringContaining('remove ids, keys') }]);
    expect(problems({ keys: ['k1'] })).toEqual([{ path: 'collection', message: 'deleting by keys needs a collection' }]);
    expect(problems({ ids: '$.(' })).toEqual([{ path: 'ids', message: expect.stringContaining('does not compile') }]);
    expect(() => oneNode('core.memory-delete', {}, ['deleted'])).toThrow(/no selector/);
  });

  it('deletes by ids from the input, logging the call', async () => {
    const { h, ids } = await seeded();
    const result = await h.run(oneNode('core.memory-delete', { ids: 'ids' }, ['deleted']), { ids: [ids[0], ids[2]] });
    expect(result.outputs.deleted).toBe(2);
    expect(texts(h)).toEqual(['two']);
    expect(h.of('node.memory')[0]).toMatchObject({ op: 'delete', count: 2, request: { ids: [ids[0], ids[2]], filter: {} } });
  });

  it('deletes nothing when the ids expression gives none', async () => {
    const { h } = await seeded();
    const result = await h.run(oneNode('core.memory-delete', { ids: 'missing' }, ['deleted']), {});
    expect(result.outputs.deleted).toBe(0);
    expect(texts(h)).toHaveLength(3);
    expect(h.of('node.memory')).toEqual([]);
  });

  it('deletes by keys within a collection, by tags, by metadata, and everything in a collection with all', async () => {
    const { h } = await seeded();
    expect((await h.run(oneNode('core.memory-delete', { collection: 'notes', keys: ['k1'] }, ['deleted']))).outputs.deleted).toBe(1);
    expect(texts(h)).toEqual(['two', 'three']);
    expect((await h.run(oneNode('core.memory-delete', { tags: ['draft'] }, ['deleted']))).outputs.deleted).toBe(1);
    expect(texts(h)).toEqual(['two']);
    expect((await h.run(oneNode('core.memory-delete', { metadata: { lang: 'fr' } }, ['deleted']))).outputs.deleted).toBe(0);
    expect((await h.run(oneNode('core.memory-delete', { collection: 'notes', all: true }, ['deleted']))).outputs.deleted).toBe(1);
    expect(texts(h)).toEqual([]);
  });

  it('fails with OPR-140 when the ids expression gives something other than ids', async () => {
    const { h } = await seeded();
    const result = await h.run(oneNode('core.memory-delete', { ids: 'n' }, ['deleted']), { n: 3 });
    expect(result.error).toMatchObject({
      code: 'OPR-140',
      message: expect.stringContaining('config.ids must give an id or an array of ids'),
    });
    expect(texts(h)).toHaveLength(3);
  });
});
