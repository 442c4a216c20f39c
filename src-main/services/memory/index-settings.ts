/**
 * How the memory store indexes and searches its vectors. The figures below come from `npm run bench:memory`
 * (bench/memory-bench.ts) on the 2-core, 23 GB Linux machine, LanceDB 0.39, 384-dimension unit vectors, with a
 * `collection = 'c3'` filter keeping 10% of the rows, recall@10 measured against an exact search with the same filter.
 * "Clustered" is 200 Gaussian clusters (like real text embeddings); "random" is uniform on the sphere (a worst case).
 * Rerun the benchmark when LanceDB, the embedder's dimension or the machine changes.
 */
import { Index } from '@lancedb/lancedb';
import type { IndexOptions } from '@lancedb/lancedb';

/** Memory vectors are cosine-normalised (see embedder.ts): the index and every query must use the same distance. */
export const DISTANCE_TYPE = 'cosine';

/**
 * The row count at which the store creates a vector index; below it, the store searches exactly (no index to build,
 * recall 1.0 by definition).
 *
 * Exact filtered search costs about 0.7 ms per 1,000 rows here: p50 about 7 ms at 10,000 rows (under the 10 ms goal)
 * and 44 ms at 100,000. At 10,000 rows an HNSW index answers in about 2 ms and builds in about 2 s, so 10,000 is where
 * building one starts to pay, while exact search is still within the goal just below it.
 */
export const VECTOR_INDEX_MIN_ROWS = 10_000;

/**
 * HNSW graph degree. 16 (LanceDB's default is 20) gave recall@10 0.98 on clustered data at 100,000 rows; the
 * smaller graph builds faster on 2 cores.
 */
const HNSW_M = 16;
/** Candidates kept while building the graph: 100 is the documented floor for good quality, and halves the build time of the default 300. */
const HNSW_EF_CONSTRUCTION = 100;
/** Rows per HNSW graph: one graph up to a million rows (its build memory is the limit), then one partition per million. */
const ROWS_PER_HNSW_PARTITION = 1_000_000;

/**
 * What the store passes to `table.createIndex('vector', ...)` once a table has {@link VECTOR_INDEX_MIN_ROWS} rows, or
 * undefined below that (search exactly). `replace: true`, so calling it again after the table grows rebuilds the index.
 *
 * HNSW with 8-bit scalar quantisation (HNSW_SQ), not IVF_PQ. At 100,000 clustered rows, filtered:
 * - IVF_PQ with default settings (24 sub-vectors): recall@10 0.15 (issue figure); 48 sub-vectors and refineFactor 5:
 *   recall 1.0 at p50 3.8 ms, but the index took 70-80 s to build, and 96 sub-vectors 228 s.
 * - HNSW_SQ, m 16, efConstruction 100: recall 0.98 at p50 3.4 ms, built in 24 s. Scalar quantisation keeps 8 bits per
 *   dimension, so it needs no refine step; PQ at 8 dimensions per byte does.
 *
 * `dimension` is part of the signature so the choice can depend on it; HNSW_SQ needs no dimension-derived parameter.
 */
export function vectorIndexOptions(rows: number, dimension: number): (IndexOptions & { config: Index }) | undefined {
  if (rows < VECTOR_INDEX_MIN_ROWS || dimension <= 0) return undefined;
  return {
    config: Index.hnswSq({
      distanceType: DISTANCE_TYPE,
      numPartitions: Math.max(1, Math.ceil(rows / ROWS_PER_HNSW_PARTITION)),
      m: HNSW_M,
      efConstruction: HNSW_EF_CONSTRUCTION,
    }),
    replace: true,
  };
}

/**
 * Options for every vector query against an indexed table: `vectorSearch(v).distanceType(DISTANCE_TYPE).ef(ef)`.
 * `ef` (candidates searched in the HNSW graph) 64: at 100,000 clustered rows ef 50 and 100 gave the same recall (0.98)
 * at p50 3.4 and 4.5 ms. `nprobes` and `refineFactor` are for IVF indexes and are not set.
 */
export const QUERY_OPTIONS = { ef: 64 } as const;
