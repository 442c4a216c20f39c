import { describe, expect, it } from 'vitest';
import { createCheckHelpers } from '../../test-context.ts';
import { createMemoryHarness, oneNode } from './memory-test-harness.ts';
import { memorySearch } from './memory-search.ts';

const OTHER = { workflowId: 'notes-flow', runId: 'run-old', nodeId: 'remember' };

async function seeded() {
  const h = createMemoryHarness();
  await h.store.write(
    [
      { collection: 'notes', text: 'the deploy key rotates every monday', tags: ['ops'], metadata: { team: 'infra' } },
      { collection: 'notes', text: 'lunch is at noon on monday', tags: ['life'], metadata: { team: 'all' } },
      { collection: 'faq', text: 'how to rotate the deploy key', tags: ['ops'], metadata: { team: 'infra' } },
    ],
    OTHER,
  );
  return h;
}

describe('core.memory-search', () => {
  it('emits the hits best first with score and source, and logs each retrieved record in node.memory', async () => {
    const h = await seeded();
    const result = await h.run(
      oneNode('core.memory-search', { query: '{{ question }}', mode: 'vector', collection: 'notes' }, ['out', 'found']),
      {
        question: 'when does the deploy key rotate',
      },
    );

    expect(result.status).toBe('succeeded');
    const hits = result.outputs.out as { text: string; score: number; collection: string; source: unknown; id: string }[];
    expect(hits.map((hit) => hit.text)).toEqual(['the deploy key rotates every monday']);
    expect(hits[0]).toMatchObject({ collection: 'notes', key: null, tags: ['ops'], metadata: { team: 'infra' }, source: OTHER });
    expect(hits[0]?.score).toBeGreaterThan(0);
    expect(result.outputs.found).toBe(true);

    const [event] = h.of('node.memory');
    expect(event).toMatchObject({
      nodeId: 'mem',
      op: 'search',
      count: 1,
      request: { text: 'when does the deploy key rotate', topK: 5, mode: 'vector', filter: { collection: 'notes' } },
    });
    expect(event?.results).toEqual([{ id: hits[0]?.id, collection: 'notes', score: hits[0]?.score, source: OTHER, text: hits[0]?.text }]);
  });

  it('traces a hit to the run and node that wrote it', async () => {
    const h = createMemoryHarness();
    const written = await h.run(oneNode('core.memory-write', { text: '{{ note }}' }, ['out']), {
      note: 'invoices are due on the 5th',
    });
    const found = await h.run(oneNode('core.memory-search', {}, ['out']), { q: 'when are invoices due' });
    expect(found.status).toBe('succeeded');
    // The default query is the whole input as text: its words overlap with the note.
    expect((found.outputs.out as { source: unknown }[])[0]?.source).toEqual({ workflowId: 'test', runId: written.runId, nodeId: 'mem' });
    expect(h.of('node.memory', found.runId)[0]?.results?.[0]?.source).toEqual({ workflowId: 'test', runId: written.runId, nodeId: 'mem' });
  });

  it('always emits out: an empty array and found false when nothing matches', async () => {
    const h = await seeded();
    const result = await h.run(oneNode('core.memory-search', { query: 'quantum chromodynamics' }, ['out', 'found']));
    expect(result.outputs).toEqual({ out: [], found: false });
  });

  it('filters by collection, tags and metadata, and applies topK and minScore', async () => {
    const h = await seeded();
    const search = async (config: Record<string, unknown>) => {
      const result = await h.run(oneNode('core.memory-search', { query: 'deploy key monday', ...config }, ['out']));
      return (result.outputs.out as { text: string; collection: string }[]).map((hit) => `${hit.collection}: ${hit.text}`);
    };
    expect(await search({})).toHaveLength(3);
    expect(await search({ collection: 'faq' })).toEqual(['faq: how to rotate the deploy key']);
    expect(await search({ tags: ['ops'], metadata: { team: 'infra' } })).toEqual([
      'notes: the deploy key rotates every monday',
      'faq: how to rotate the deploy key',
    ]);
    expect(await search({ tags: ['life'] })).toEqual(['notes: lunch is at noon on monday']);
    expect(await search({ topK: 1 })).toEqual(['notes: the deploy key rotates every monday']);
    expect(await search({ minScore: 0.5, mode: 'vector' })).toEqual(['notes: the deploy key rotates every monday']);
  });

  it('checks the query template and collection name statically, and is never cached', () => {
    const helpers = createCheckHelpers();
    expect(memorySearch.check(memorySearch.config.parse({ query: '', collection: 'a b' }), helpers).map((p) => p.path)).toEqual([
      'query',
      'collection',
    ]);
    expect(memorySearch.check(memorySearch.config.parse({}), helpers)).toEqual([]);
    expect(() => memorySearch.config.parse({ topK: 0 })).toThrow();
    expect(() => memorySearch.config.parse({ minScore: 1.5 })).toThrow();
    expect(memorySearch.cacheable(memorySearch.config.parse({}))).toBe(false);
  });
});
