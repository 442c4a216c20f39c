import { randomUUID } from 'node:crypto';
import { Index, type Table } from '@lancedb/lancedb';
import { OperonError } from '../../../src-shared/errors/operon-error.ts';
import type { MemoryFilter, MemoryHit, MemoryQuery, MemoryRecord, MemorySource, MemoryWrite } from '../../../src-shared/memory/types.ts';
import type { Embedder } from './embedder.ts';
import type { LanceDir } from './lance-db.ts';
import { readMeta, writeMeta, type MemoryMeta, type SemanticMeta } from './meta-file.ts';
import { reciprocalRankFusion } from './rrf.ts';
import { collectionKey, fromRow, RECORD_COLUMNS, semanticSchema, toRow, validateWrites, type SemanticRow } from './semantic-table.ts';
import { storage } from './storage.ts';
import { QUERY_OPTIONS, vectorIndexOptions } from './index-settings.ts';
import { andAll, semanticWhere, sqlIn } from './where-sql.ts';
import { embedAll, embedBatches } from './embed-batches.ts';

export interface SemanticOptions {
  workspaceId: string;
  /** Rows from which an IVF_PQ index is created after a write. */
  vectorIndexThreshold: number;
  /** Unindexed rows (under an existing index) from which a write runs `optimize` to fold them in. */
  optimizeThreshold: number;
}

/** Semantic memory in one LanceDB table, named in meta.json with the embedder that built it. */
export class SemanticStore {
  private readonly lance: LanceDir;
  private embedder: Embedder;
  private readonly options: SemanticOptions;
  private meta: MemoryMeta | undefined;
  private ftsReady = false;
  /** The last failure of index maintenance after a write (the write itself had succeeded). */
  lastMaintenanceError: string | null = null;

  constructor(lance: LanceDir, embedder: Embedder, options: SemanticOptions) {
    this.lance = lance;
    this.embedder = embedder;
    this.options = options;
  }

  /** The table, after checking it was built with the current embedder (OPR-141); null before the first write. */
  private async current(): Promise<Table | null> {
    this.meta ??= await storage('reading meta.json', () => readMeta(this.lance.dir));
    const semantic = this.meta.tables.semantic;
    if (semantic !== undefined) {
      this.checkEmbedder(semantic);
      return this.lance.open(semantic.table);
    }
    const orphan = await this.lance.open('semantic'); // a table whose meta.json was lost: check its dimension
    if (orphan === null) return null;
    const schema = await storage('reading the semantic schema', () => orphan.schema());
    const dimension = (schema.fields.find((field) => field.name === 'vector')?.type as { listSize?: number } | undefined)?.listSize;
    this.checkEmbedder({ embedder: this.embedder.id, dimension: dimension ?? -1, table: 'semantic' });
    await this.recordMeta({ embedder: this.embedder.id, dimension: this.embedder.dimension, table: 'semantic' });
    return orphan;
  }

  private checkEmbedder(semantic: SemanticMeta): void {
    if (semantic.embedder === this.embedder.id && semantic.dimension === this.embedder.dimension) return;
    throw new OperonError(
      'OPR-141',
      `workspace memory was built with embedder ${semantic.embedder} (dimension ${semantic.dimension}) but the current embedder is ` +
        `${this.embedder.id} (dimension ${this.embedder.dimension}): run \`operon memory reindex --workspace ${this.options.workspaceId}\``,
      { details: { built: semantic, current: { embedder: this.embedder.id, dimension: this.embedder.dimension } } },
    );
  }

  private async recordMeta(semantic: SemanticMeta): Promise<void> {
    const meta = { tables: { ...this.meta?.tables, semantic } };
    await storage('writing meta.json', () => writeMeta(this.lance.dir, meta), { retry: true });
    this.meta = meta;
  }

  private async forWrite(): Promise<Table> {
    const table = await this.current();
    if (table !== null) return table;
    const semantic = this.meta?.tables.semantic ?? { embedder: this.embedder.id, dimension: this.embedder.dimension, table: 'semantic' };
    if (this.meta?.tables.semantic === undefined) await this.recordMeta(semantic); // meta first: a table never exists unrecorded
    return this.lance.openOrCreate(semantic.table, semanticSchema(this.embedder.dimension));
  }

  async write(records: MemoryWrite[], source: MemorySource, signal?: AbortSignal): Promise<MemoryRecord[]> {
    validateWrites(records);
    if (records.length === 0) return [];
    const table = await this.forWrite();
    const vectors = await embedAll(
      this.embedder,
      records.map((record) => record.text),
      signal,
    );
    const keys = [
      ...new Set(records.flatMap((record) => (record.key === undefined ? [] : [collectionKey(record.collection, record.key)]))),
    ];
    const existing = await this.existingByKey(table, keys);
    const now = Date.now();
    const keyed = new Map<string, SemanticRow>();
    const appended: SemanticRow[] = [];
    const stored = records.map((write, index) => {
      const ck = write.key === undefined ? null : collectionKey(write.collection, write.key);
      const before = ck === null ? undefined : existing.get(ck);
      const record: MemoryRecord = {
        id: before?.id ?? randomUUID(),
        collection: write.collection,
        key: write.key ?? null,
        text: write.text,
        metadata: { ...write.metadata },
        tags: [...new Set(write.tags ?? [])],
        source: { ...source },
        createdAt: before?.createdAt ?? now,
        updatedAt: now,
      };
      if (ck !== null && before === undefined) existing.set(ck, { id: record.id, createdAt: now }); // same key twice in one write
      const row = toRow(record, vectors[index] ?? new Float32Array(this.embedder.dimension));
      if (ck === null) appended.push(row);
      else keyed.set(ck, row); // the later of two records with the same key wins
      return record;
    });
    if (keyed.size > 0) {
      await storage(
        'upserting memory records',
        () =>
          table
            .mergeInsert('collection_key')
            .whenMatchedUpdateAll()
            .whenNotMatchedInsertAll()
            .execute([...keyed.values()]),
        { retry: true },
      );
    }
    if (appended.length > 0) await storage('adding memory records', () => table.add(appended), { retry: true });
    await this.maintain(table);
    return stored;
  }

  private async existingByKey(table: Table, keys: string[]): Promise<Map<string, { id: string; createdAt: number }>> {
    const found = new Map<string, { id: string; createdAt: number }>();
    for (let start = 0; start < keys.length; start += 500) {
      const chunk = keys.slice(start, start + 500);
      const rows = await storage('reading memory records', () =>
        table.query().where(sqlIn('collection_key', chunk)).select(['id', 'collection_key', 'created_at']).toArray(),
      );
      for (const row of rows as SemanticRow[]) {
        found.set(String(row.collection_key), { id: String(row.id), createdAt: Number(row.created_at) });
      }
    }
    return found;
  }

  /**
   * After a write: once the table is big enough, compact it, then build the vector index (index-settings.ts) and a
   * bitmap index on `collection` (the usual filter); later, `optimize` when many rows are unindexed.
   */
  private async maintain(table: Table): Promise<void> {
    try {
      const [rows, indices] = await Promise.all([table.countRows(), table.listIndices()]);
      if (rows >= this.options.vectorIndexThreshold && !indices.some((index) => index.columns.includes('vector'))) {
        // Uncompacted fragments made every filtered query cost 15-20 ms whatever the index (bench:memory).
        await table.optimize();
        await table.createIndex('vector', vectorIndexOptions(rows, this.embedder.dimension));
        await table.createIndex('collection', { config: Index.bitmap(), replace: true });
        this.lastMaintenanceError = null;
        return;
      }
      const stats = await Promise.all(indices.map((index) => table.indexStats(index.name)));
      if (stats.some((stat) => (stat?.numUnindexedRows ?? 0) >= this.options.optimizeThreshold)) await table.optimize();
      this.lastMaintenanceError = null;
    } catch (error) {
      this.lastMaintenanceError = error instanceof Error ? error.message : String(error);
    }
  }

  async search(query: MemoryQuery, signal?: AbortSignal): Promise<MemoryHit[]> {
    checkQuery(query);
    const table = await this.current();
    if (table === null) return [];
    const where = semanticWhere(query.filter);
    const [vector] = await embedAll(this.embedder, [query.text], signal);
    if (vector === undefined) return [];
    const pool = query.mode === 'vector' ? query.topK : Math.max(query.topK * 3, 30);
    const vectorRows = await storage('searching memory', () => {
      const search = table
        .vectorSearch(vector)
        .distanceType('cosine')
        .ef(QUERY_OPTIONS.ef)
        .select([...RECORD_COLUMNS, '_distance'])
        .limit(pool);
      return (where === undefined ? search : search.where(where)).toArray();
    });
    const minScore = query.minScore ?? -Infinity; // cosine similarity can be negative: no minScore keeps those too
    const byVector = (vectorRows as SemanticRow[])
      .map((row) => ({ record: fromRow(row), vectorScore: 1 - Number(row._distance) }))
      .filter((hit) => hit.vectorScore >= minScore);
    if (query.mode === 'vector') {
      return byVector.slice(0, query.topK).map((hit) => ({ ...hit, score: hit.vectorScore, textRank: null }));
    }
    const textRows = query.text.trim() === '' ? [] : await this.fullText(table, query.text, where, pool);
    const records = new Map<string, MemoryRecord>();
    for (const hit of byVector) records.set(hit.record.id, hit.record);
    for (const row of textRows) if (!records.has(String(row.id))) records.set(String(row.id), fromRow(row));
    const vectorScores = new Map(byVector.map((hit) => [hit.record.id, hit.vectorScore]));
    const fused = reciprocalRankFusion([byVector.map((hit) => hit.record.id), textRows.map((row) => String(row.id))]);
    return fused.slice(0, query.topK).flatMap((entry) => {
      const record = records.get(entry.id);
      return record === undefined
        ? []
        : [{ record, score: entry.score, vectorScore: vectorScores.get(entry.id) ?? null, textRank: entry.ranks[1] ?? null }];
    });
  }

  /** Full-text hits, best first; creates the FTS index on `text` the first time (it also searches unindexed rows). */
  private async fullText(table: Table, text: string, where: string | undefined, limit: number): Promise<SemanticRow[]> {
    if (!this.ftsReady) {
      const indices = await storage('listing indices', () => table.listIndices());
      if (!indices.some((index) => index.indexType === 'FTS' && index.columns.includes('text'))) {
        await storage('creating the full-text index', () => table.createIndex('text', { config: Index.fts() }), { retry: true });
      }
      this.ftsReady = true;
    }
    const rows = await storage('searching memory text', () => {
      const search = table
        .query()
        .fullTextSearch(text, { columns: 'text' })
        .select([...RECORD_COLUMNS, '_score'])
        .limit(limit);
      return (where === undefined ? search : search.where(where)).toArray();
    });
    return rows as SemanticRow[];
  }

  async list(filter: MemoryFilter, limit: number): Promise<MemoryRecord[]> {
    if (!Number.isInteger(limit) || limit < 1) throw new OperonError('OPR-140', 'list limit must be a whole number ≥ 1');
    const where = semanticWhere(filter);
    const table = await this.current();
    if (table === null) return [];
    const rows = await storage('listing memory', () => {
      const query = table.query().select(RECORD_COLUMNS).limit(limit);
      return (where === undefined ? query : query.where(where)).toArray();
    });
    return (rows as SemanticRow[]).map(fromRow);
  }

  async delete(selector: { ids?: string[]; keys?: string[]; filter?: MemoryFilter }): Promise<number> {
    const conditions: (string | undefined)[] = [semanticWhere(selector.filter)];
    if (selector.ids !== undefined) conditions.push(sqlIn('id', selector.ids.map(String)));
    if (selector.keys !== undefined) {
      const collection = selector.filter?.collection;
      if (collection === undefined) throw new OperonError('OPR-140', 'delete by keys needs filter.collection');
      conditions.push(
        sqlIn(
          'collection_key',
          selector.keys.map((key) => collectionKey(collection, String(key))),
        ),
      );
    }
    if ((selector.ids ?? selector.keys)?.length === 0) return 0;
    const where = andAll(conditions);
    if (where === undefined) throw new OperonError('OPR-140', 'delete needs ids, keys or a non-empty filter');
    const table = await this.current();
    if (table === null) return 0;
    const count = await storage('counting memory records', () => table.countRows(where));
    if (count > 0) await storage('deleting memory records', () => table.delete(where), { retry: true });
    return count;
  }

  /** Re-embeds every record with `embedder` into a new table, then points meta.json at it and drops the old one. */
  async reindex(embedder: Embedder, signal?: AbortSignal): Promise<{ rows: number }> {
    this.meta ??= await storage('reading meta.json', () => readMeta(this.lance.dir));
    const oldName = this.meta.tables.semantic?.table ?? 'semantic';
    const old = await this.lance.open(oldName);
    const rows =
      old === null
        ? []
        : ((await storage('reading memory for reindex', () => old.query().select(RECORD_COLUMNS).toArray())) as SemanticRow[]);
    const name = `semantic_${Date.now().toString(36)}`;
    const fresh = await this.lance.openOrCreate(name, semanticSchema(embedder.dimension));
    const records = rows.map(fromRow);
    for await (const { start, vectors } of embedBatches(
      embedder,
      records.map((record) => record.text),
      signal,
      1024,
    )) {
      const batch = records
        .slice(start, start + vectors.length)
        .map((record, offset) => toRow(record, vectors[offset] ?? new Float32Array(embedder.dimension)));
      await storage('writing the reindexed table', () => fresh.add(batch), { retry: true });
    }
    this.embedder = embedder;
    this.ftsReady = false;
    await this.recordMeta({ embedder: embedder.id, dimension: embedder.dimension, table: name });
    if (old !== null) await this.lance.drop(oldName);
    await this.maintain(fresh);
    return { rows: records.length };
  }

  async stats(): Promise<{
    table: string;
    embedder: string;
    dimension: number;
    rows: number;
    indices: { name: string; type: string; unindexed: number }[];
  } | null> {
    const table = await this.current();
    const semantic = this.meta?.tables.semantic;
    if (table === null || semantic === undefined) return null;
    const indices = await storage('listing indices', () => table.listIndices());
    const stats = await Promise.all(indices.map((index) => storage('reading index stats', () => table.indexStats(index.name))));
    return {
      ...semantic,
      rows: await storage('counting rows', () => table.countRows()),
      indices: indices.map((index, i) => ({ name: index.name, type: index.indexType, unindexed: stats[i]?.numUnindexedRows ?? 0 })),
    };
  }
}

function checkQuery(query: MemoryQuery): void {
  if (typeof query.text !== 'string') throw new OperonError('OPR-140', 'search text must be a string');
  if (!Number.isInteger(query.topK) || query.topK < 1 || query.topK > 1000)
    throw new OperonError('OPR-140', 'topK must be a whole number from 1 to 1000');
  if (query.minScore !== undefined && !(query.minScore >= 0 && query.minScore <= 1))
    throw new OperonError('OPR-140', 'minScore must be between 0 and 1');
  if (query.mode !== 'vector' && query.mode !== 'hybrid') throw new OperonError('OPR-140', `unknown search mode "${String(query.mode)}"`);
}
