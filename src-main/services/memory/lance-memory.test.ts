import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { OperonError } from '../../../src-shared/errors/operon-error.ts';
import { hashEmbedder } from './testing/hash-embedder.ts';
import { openTestMemory } from './testing/open-test-memory.ts';

const source = { workflowId: 'wf', runId: 'run-1', nodeId: 'n1' };

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    return error instanceof OperonError ? `${error.code} ${error.message}` : `not an OperonError: ${String(error)}`;
  }
  return 'resolved';
}

describe('semantic memory', () => {
  it('writes records and returns them as stored, with source and timestamps', async () => {
    const memory = await openTestMemory();
    const [record] = await memory.write(
      [{ collection: 'notes', text: 'the cat sat on the mat', tags: ['pets'], metadata: { n: 1 } }],
      source,
    );
    expect(record).toMatchObject({ collection: 'notes', key: null, tags: ['pets'], metadata: { n: 1 }, source });
    expect(await memory.list({ collection: 'notes' }, 10)).toEqual([record]);
    const meta = JSON.parse(await readFile(path.join(memory.dir, 'meta.json'), 'utf8')) as unknown;
    expect(meta).toEqual({ tables: { semantic: { embedder: 'test:hash@64', dimension: 64, table: 'semantic' } } });
  });

  it('upserts by (collection, key): new text found, old text gone, createdAt and id kept', async () => {
    const memory = await openTestMemory();
    const [first] = await memory.write([{ collection: 'prefs', key: 'colour', text: 'favourite colour is blue' }], source);
    await memory.write([{ collection: 'other', key: 'colour', text: 'unrelated colour record' }], source);
    await new Promise((resolve) => setTimeout(resolve, 5));
    const [second] = await memory.write([{ collection: 'prefs', key: 'colour', text: 'favourite colour is green' }], { runId: 'run-2' });
    expect(second?.id).toBe(first?.id);
    expect(second?.createdAt).toBe(first?.createdAt);
    expect(second?.updatedAt).toBeGreaterThan(first?.updatedAt ?? Infinity);
    const prefs = await memory.list({ collection: 'prefs' }, 10);
    expect(prefs.map((record) => record.text)).toEqual(['favourite colour is green']);
    expect(prefs[0]?.createdAt).toBe(first?.createdAt);
    expect(await memory.list({ collection: 'other' }, 10)).toHaveLength(1);
    const hits = await memory.search({ text: 'favourite colour', topK: 5, mode: 'vector', filter: { collection: 'prefs' } });
    expect(hits.map((hit) => hit.record.text)).toEqual(['favourite colour is green']);
  });

  it('deletes by id, by key within a collection, and by filter', async () => {
    const memory = await openTestMemory();
    const records = await memory.write(
      [
        { collection: 'a', text: 'one', key: 'k1' },
        { collection: 'a', text: 'two', key: 'k2' },
        { collection: 'b', text: 'three', key: 'k1', tags: ['x'] },
        { collection: 'b', text: 'four', tags: ['x', 'y'] },
        { collection: 'b', text: 'five' },
      ],
      source,
    );
    expect(await memory.delete({ ids: [records[1]?.id ?? ''] })).toBe(1);
    expect(await memory.delete({ keys: ['k1'], filter: { collection: 'b' } })).toBe(1);
    expect((await memory.list({}, 10)).map((record) => record.text).sort()).toEqual(['five', 'four', 'one']);
    expect(await memory.delete({ filter: { tags: ['x', 'y'] } })).toBe(1);
    expect(await memory.delete({ ids: [] })).toBe(0);
    expect(await codeOf(memory.delete({ keys: ['k1'] }))).toMatch(/^OPR-140 .*filter\.collection/);
    expect(await codeOf(memory.delete({ filter: {} }))).toMatch(/^OPR-140/);
    expect((await memory.list({}, 10)).map((record) => record.text).sort()).toEqual(['five', 'one']);
  });

  it('orders vector hits by cosine similarity and drops those under minScore', async () => {
    const memory = await openTestMemory();
    await memory.write(
      [
        { collection: 'c', text: 'apples and oranges are fruit' },
        { collection: 'c', text: 'oranges grow on orange trees' },
        { collection: 'c', text: 'the stock market fell today' },
      ],
      source,
    );
    const hits = await memory.search({ text: 'oranges and apples', topK: 3, mode: 'vector' });
    expect(hits.map((hit) => hit.record.text)).toEqual([
      'apples and oranges are fruit',
      'oranges grow on orange trees',
      'the stock market fell today',
    ]);
    expect(hits[0]?.score).toBeGreaterThan(hits[1]?.score ?? 1);
    expect(hits[0]).toMatchObject({ textRank: null });
    expect(hits[0]?.vectorScore).toBe(hits[0]?.score);
    const strict = await memory.search({
      text: 'oranges and apples',
      topK: 3,
      mode: 'vector',
      minScore: ((hits[0]?.score ?? 0) + (hits[1]?.score ?? 0)) / 2,
    });
    expect(strict.map((hit) => hit.record.text)).toEqual(['apples and oranges are fruit']);
    expect(await memory.search({ text: 'x', topK: 2, mode: 'vector' })).toHaveLength(2);
  });

  it('hybrid search finds an exact rare keyword that vector search ranks low', async () => {
    const memory = await openTestMemory();
    // The fillers share the query's words, but only stop words, which full-text search ignores.
    const filler = Array.from({ length: 40 }, (_, i) => ({ collection: 'c', text: `what is it that we have for them ${i}` }));
    await memory.write([...filler, { collection: 'c', text: 'ticket ZX9Q7 is about billing' }], source);
    const query = 'what is it that we have for ZX9Q7';
    const vector = await memory.search({ text: query, topK: 5, mode: 'vector' });
    expect(vector.map((hit) => hit.record.text)).not.toContain('ticket ZX9Q7 is about billing');
    const hybrid = await memory.search({ text: query, topK: 5, mode: 'hybrid' });
    const found = hybrid.find((hit) => hit.record.text === 'ticket ZX9Q7 is about billing');
    expect(found?.textRank).toBe(1);
    expect(found?.score).toBeGreaterThan(0);
    expect(hybrid[0]?.score).toBeLessThanOrEqual(2 / 61);
    // Written after the FTS index exists: still found (LanceDB searches unindexed rows too).
    await memory.write([{ collection: 'c', text: 'ticket QQ4R2 is about refunds' }], source);
    const later = await memory.search({ text: 'QQ4R2', topK: 3, mode: 'hybrid' });
    expect(later[0]?.record.text).toBe('ticket QQ4R2 is about refunds');
  });

  it('filters by tags (all of), metadata equality and source', async () => {
    const memory = await openTestMemory();
    await memory.write(
      [
        { collection: 'c', text: 'red small', tags: ['red', 'small'], metadata: { size: 1, shape: 'round', ok: true, nested: { a: 1 } } },
        { collection: 'c', text: 'red big', tags: ['red', 'big'], metadata: { size: 10, shape: 'round', ok: false } },
        { collection: 'c', text: 'blue small', tags: ['blue', 'small'], metadata: { size: '1', shape: 'square' } },
      ],
      source,
    );
    await memory.write([{ collection: 'c', text: 'red small other run', tags: ['red', 'small'] }], { workflowId: 'wf', runId: 'run-2' });
    const texts = async (filter: Parameters<typeof memory.list>[0]): Promise<string[]> =>
      (await memory.list(filter, 10)).map((record) => record.text).sort();
    expect(await texts({ tags: ['red', 'small'] })).toEqual(['red small', 'red small other run']);
    expect(await texts({ tags: ['small'] })).toEqual(['blue small', 'red small', 'red small other run']);
    expect(await texts({ metadata: { size: 1 } })).toEqual(['red small']);
    expect(await texts({ metadata: { size: '1' } })).toEqual(['blue small']);
    expect(await texts({ metadata: { shape: 'round', ok: false } })).toEqual(['red big']);
    expect(await texts({ source: { runId: 'run-2' } })).toEqual(['red small other run']);
    expect(await texts({ source: { workflowId: 'wf' }, tags: ['red'] })).toEqual(['red big', 'red small', 'red small other run']);
    const hits = await memory.search({ text: 'red small', topK: 5, mode: 'hybrid', filter: { tags: ['red'], source: { runId: 'run-1' } } });
    expect(hits.map((hit) => hit.record.text).sort()).toEqual(['red big', 'red small']);
  });

  it('refuses bad requests with OPR-140', async () => {
    const memory = await openTestMemory();
    expect(await codeOf(memory.write([{ collection: '', text: 'x' }], source))).toMatch(/^OPR-140 memory record 0: "collection"/);
    expect(await codeOf(memory.search({ text: 'x', topK: 0, mode: 'vector' }))).toMatch(/^OPR-140/);
    expect(await codeOf(memory.list({ metadata: { n: Number.NaN } }, 5))).toMatch(/^OPR-140 .*finite/);
  });

  it('reports OPR-143 when the embedder fails', async () => {
    const failing = { id: 'broken', dimension: 8, embed: () => Promise.reject(new Error('provider down')) };
    const memory = await openTestMemory({ embedder: failing });
    expect(await codeOf(memory.write([{ collection: 'c', text: 'x' }], source))).toMatch(/^OPR-143 .*provider down/);
  });

  it('refuses another embedder with OPR-141 naming the reindex command, and reindex fixes it', async () => {
    const first = await openTestMemory();
    await first.write(
      [
        { collection: 'c', text: 'alpha beta', key: 'k' },
        { collection: 'c', text: 'gamma delta' },
      ],
      source,
    );
    await first.close();
    const other = hashEmbedder(32, 'test:other@32');
    const second = await openTestMemory({ dir: first.dir, embedder: other });
    const message = await codeOf(second.search({ text: 'alpha', topK: 1, mode: 'vector' }));
    expect(message).toMatch(/^OPR-141 /);
    expect(message).toContain('operon memory reindex --workspace ws-test');
    expect(await codeOf(second.write([{ collection: 'c', text: 'x' }], source))).toMatch(/^OPR-141 /);
    expect(await second.reindex(other)).toEqual({ rows: 2 });
    const hits = await second.search({ text: 'alpha beta', topK: 1, mode: 'vector' });
    expect(hits[0]?.record).toMatchObject({ text: 'alpha beta', key: 'k', source });
    expect(hits[0]?.score).toBeCloseTo(1, 5);
    const stats = await second.stats();
    expect(stats.semantic).toMatchObject({ embedder: 'test:other@32', dimension: 32, rows: 2 });
    expect(stats.tables).not.toContain('semantic');
  });

  it('creates the vector index (HNSW_SQ) and a bitmap index on collection at the threshold, and still answers correctly', async () => {
    const memory = await openTestMemory({ vectorIndexThreshold: 300 });
    const words = ['river', 'mountain', 'forest', 'desert', 'ocean', 'valley', 'glacier', 'canyon', 'meadow', 'island'];
    const texts = Array.from({ length: 320 }, (_, i) => `${words[i % 10] ?? ''} ${words[(i * 7) % 10] ?? ''} record number ${i} token${i}`);
    await memory.write(
      texts.slice(0, 200).map((text) => ({ collection: 'c', text })),
      source,
    );
    expect((await memory.stats()).semantic?.indices.map((index) => index.type)).toEqual([]);
    await memory.write(
      texts.slice(200).map((text) => ({ collection: 'c', text })),
      source,
    );
    const stats = await memory.stats();
    expect(stats.lastMaintenanceError).toBeNull();
    expect(stats.semantic?.indices.map((index) => index.type)).toEqual(['Bitmap', 'IvfHnswSq']);
    for (const i of [3, 150, 299]) {
      const hits = await memory.search({ text: texts[i] ?? '', topK: 3, mode: 'vector' });
      expect(hits[0]?.record.text).toBe(texts[i]);
      expect(hits[0]?.score).toBeCloseTo(1, 3); // refine factor: exact distances, not PQ approximations
    }
    const filtered = await memory.search({ text: texts[5] ?? '', topK: 3, mode: 'vector', filter: { collection: 'none' } });
    expect(filtered).toEqual([]);
  });
});
