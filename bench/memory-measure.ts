/** The measurements of the memory benchmark, against one LanceDB connection. */
import { Index, type Connection, type Table, type VectorQuery } from '@lancedb/lancedb';
import { DISTANCE_TYPE, QUERY_OPTIONS, vectorIndexOptions } from '../src-main/services/memory/index-settings.ts';
import type { MemoryRow } from './memory-data.ts';

/** Rows per `table.add` call: a store adds what one run remembers at once, far fewer; 1,000 keeps the bench short. */
export const INSERT_BATCH = 1_000;
/** The filter of every query: one collection out of ten. */
export const FILTER = "collection = 'c3'";
export const K = 10;

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** The value below which `p` percent of the values fall (nearest rank). */
export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/** Writes `rows` into a new table in batches of {@link INSERT_BATCH}; returns the table and rows per second. */
export async function insertRows(db: Connection, name: string, rows: MemoryRow[]): Promise<{ table: Table; rowsPerSecond: number }> {
  const start = performance.now();
  const table = await db.createTable(name, rows.slice(0, INSERT_BATCH));
  for (let offset = INSERT_BATCH; offset < rows.length; offset += INSERT_BATCH) await table.add(rows.slice(offset, offset + INSERT_BATCH));
  return { table, rowsPerSecond: rows.length / ((performance.now() - start) / 1000) };
}

/** Compacts the small fragments the batches left (what a store does after a bulk import); returns milliseconds. */
export async function compact(table: Table): Promise<number> {
  const start = performance.now();
  await table.optimize();
  return performance.now() - start;
}

/** Builds the vector index the store would build at this size; returns milliseconds, or undefined if it builds none. */
export async function buildVectorIndex(table: Table, rows: number, dimension: number): Promise<number | undefined> {
  const options = vectorIndexOptions(rows, dimension);
  if (options === undefined) return undefined;
  const start = performance.now();
  await table.createIndex('vector', options);
  return performance.now() - start;
}

/** A bitmap index on the filter column: LanceDB prefilters with it instead of scanning the column. */
export async function buildFilterIndex(table: Table): Promise<number> {
  const start = performance.now();
  await table.createIndex('collection', { config: Index.bitmap(), replace: true });
  return performance.now() - start;
}

export type SearchMode = 'exact' | 'index';

function search(table: Table, vector: Float32Array, mode: SearchMode): VectorQuery {
  const query = table.vectorSearch(vector).distanceType(DISTANCE_TYPE).where(FILTER).select(['id', '_distance']).limit(K);
  return mode === 'exact' ? query.bypassVectorIndex() : query.ef(QUERY_OPTIONS.ef);
}

export interface QueryRun {
  latencies: number[];
  /** The ids each query returned, in query order. */
  ids: string[][];
}

/** Runs `warmup` unmeasured queries, then every query in `vectors` one after another. */
export async function runQueries(table: Table, vectors: Float32Array[], mode: SearchMode, warmup: number): Promise<QueryRun> {
  for (const vector of vectors.slice(0, warmup)) await search(table, vector, mode).toArray();
  const run: QueryRun = { latencies: [], ids: [] };
  for (const vector of vectors) {
    const start = performance.now();
    const rows = (await search(table, vector, mode).toArray()) as { id: string }[];
    run.latencies.push(performance.now() - start);
    run.ids.push(rows.map((row) => row.id));
  }
  return run;
}

/** Mean recall@K of `found` against `truth` (exact search): the share of the true K nearest that were found. */
export function recallAtK(found: string[][], truth: string[][]): number {
  let hits = 0;
  let expected = 0;
  truth.forEach((ids, index) => {
    const got = new Set(found[index]);
    hits += ids.filter((id) => got.has(id)).length;
    expected += ids.length;
  });
  return expected === 0 ? 1 : hits / expected;
}
