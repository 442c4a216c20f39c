import { describe, expect, it } from 'vitest';
import { createCheckHelpers } from '../../test-context.ts';
import { createMemoryHarness, oneNode } from './memory-test-harness.ts';
import { memoryWrite } from './memory-write.ts';

const NOTE = { note: 'The deploy key rotates every Monday', author: 'ana' };

describe('core.memory-write', () => {
  it('stores the text with metadata, tags and key, stamped with the writing run and node, and logs the write', async () => {
    const h = createMemoryHarness();
    const workflow = oneNode(
      'core.memory-write',
      { collection: 'ops', text: '{{ note }}', key: 'deploy-{{ author }}', metadata: '{ "author": author }', tags: ['deploy'] },
      ['out'],
    );
    const result = await h.run(workflow, NOTE);

    expect(result.status).toBe('succeeded');
    const source = { workflowId: 'test', runId: result.runId, nodeId: 'mem' };
    const [record] = h.store.records();
    expect(record).toMatchObject({
      collection: 'ops',
      key: 'deploy-ana',
      text: NOTE.note,
      metadata: { author: 'ana' },
      tags: ['deploy'],
      source,
    });
    expect(result.outputs.out).toEqual({
      id: record?.id,
      text: NOTE.note,
      collection: 'ops',
      key: 'deploy-ana',
      metadata: { author: 'ana' },
      tags: ['deploy'],
      source,
    });
    const [event] = h.of('node.memory');
    expect(event).toMatchObject({ nodeId: 'mem', op: 'write', count: 1, request: { records: 1, collections: ['ops'] } });
    expect(event?.results).toEqual([{ id: record?.id, collection: 'ops', score: null, source, text: NOTE.note }]);
  });

  it('replaces the record with the same key, keeping its id, with the later run as source', async () => {
    const h = createMemoryHarness();
    const workflow = oneNode('core.memory-write', { text: '{{ note }}', key: '{{ author }}' }, ['out']);
    const first = await h.run(workflow, NOTE);
    const second = await h.run(workflow, { note: 'The deploy key rotates on Fridays now', author: 'ana' });

    const records = h.store.records();
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({
      collection: 'notes',
      text: 'The deploy key rotates on Fridays now',
      source: { runId: second.runId },
    });
    expect((second.outputs.out as { id: string }).id).toBe((first.outputs.out as { id: string }).id);
  });

  it('writes one record per item with each, and the whole array as one record without it', async () => {
    const h = createMemoryHarness();
    const items = { items: [{ t: 'alpha' }, { t: 'beta' }] };
    const single = await h.run(oneNode('core.memory-write', { text: '{{ t }}', each: true, collection: 'one' }, ['out']), { t: 'gamma' });
    expect(single.outputs.out).toMatchObject({ text: 'gamma' }); // a non-array input is one item, even with each
    const perItem = await h.run(
      oneNode('core.memory-write', { text: '{{ t }}', metadata: '$', each: true, collection: 'items' }, ['out'], 'items'),
      items,
    );
    expect(perItem.status).toBe('succeeded');
    expect((perItem.outputs.out as { text: string; metadata: unknown }[]).map((r) => [r.text, r.metadata])).toEqual([
      ['alpha', { t: 'alpha' }],
      ['beta', { t: 'beta' }],
    ]);
    const whole = await h.run(oneNode('core.memory-write', { collection: 'whole' }, ['out'], 'items'), items);
    expect(whole.outputs.out).toMatchObject({ text: '[{"t":"alpha"},{"t":"beta"}]', metadata: {} });
  });

  it('fails with OPR-140 naming the field when metadata is not an object or the text is empty', async () => {
    const h = createMemoryHarness();
    const bad = await h.run(oneNode('core.memory-write', { metadata: 'note' }, ['out']), NOTE);
    expect(bad.status).toBe('failed');
    expect(bad.error).toMatchObject({
      code: 'OPR-140',
      message: expect.stringContaining('config.metadata must give an object; it gave string'),
    });
    const empty = await h.run(oneNode('core.memory-write', { text: '{{ missing }}' }, ['out']), NOTE);
    expect(empty.error).toMatchObject({ code: 'OPR-140', message: expect.stringContaining('config.text gave empty text') });
    expect(h.store.records()).toEqual([]);
  });

  it('checks the collection, templates, the metadata expression and tags statically', () => {
    const config = memoryWrite.config.parse({ collection: 'bad name', text: '{{ ( }}', key: '{{', metadata: '{ "a": ', tags: [''] });
    expect(memoryWrite.check(config, createCheckHelpers()).map((p) => p.path)).toEqual(['collection', 'text', 'key', 'metadata', 'tags.0']);
    expect(memoryWrite.check(memoryWrite.config.parse({}), createCheckHelpers())).toEqual([]);
    expect(memoryWrite.cacheable(memoryWrite.config.parse({}))).toBe(false);
  });
});
