/**
 * Semantic-memory speed in embedded LanceDB: `npm run bench:memory` (node --expose-gc bench/memory-bench.ts).
 *
 * A benchmark, not a test: it prints figures and a goal verdict and fails only when a run goes wrong. No embedder runs:
 * rows carry seeded unit vectors (bench/memory-data.ts), clustered like real embeddings and uniformly random (the worst
 * case for an index). For each size and shape, in one temporary folder in --dir deleted at the end:
 *
 * 1. insert the rows in batches of 1,000, --runs times into fresh tables: the median rows per second (embedding excluded);
 * 2. compact the last table (`optimize`), then run the filtered queries exactly (`bypassVectorIndex`): the ground truth
 *    and the exact-search latency that justifies VECTOR_INDEX_MIN_ROWS;
 * 3. build the vector index of src-main/services/memory/index-settings.ts and run the queries through it: p50, p99 and
 *    recall@10 against step 2;
 * 4. add a bitmap index on `collection` and run them again.
 * Every query set is preceded by --warmup unmeasured queries.
 *
 *   --queries N   measured queries per step (default 200)
 *   --warmup N    warm-up queries (default 20)
 *   --runs N      insert runs per case (default 3)
 *   --sizes LIST  row counts, comma-separated (default 10000,100000)
 *   --shapes LIST clustered,random (default both)
 *   --dir PATH    where the temporary folder goes (default: the system temp dir)
 */
import { connect } from '@lancedb/lancedb';
import { rmSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { VECTOR_INDEX_MIN_ROWS } from '../src-main/services/memory/index-settings.ts';
import { VectorSource, makeRows, type DataShape } from './memory-data.ts';
import {
  buildFilterIndex,
  buildVectorIndex,
  compact,
  median,
  percentile,
  recallAtK,
  runQueries,
  insertRows,
  K,
  type QueryRun,
} from './memory-measure.ts';
import { renderResults, type CaseResult, type QueryFigures } from './memory-report.ts';

const DIMENSION = 384;

const { values: args } = parseArgs({
  options: {
    queries: { type: 'string', default: '200' },
    warmup: { type: 'string', default: '20' },
    runs: { type: 'string', default: '3' },
    sizes: { type: 'string', default: '10000,100000' },
    shapes: { type: 'string', default: 'clustered,random' },
    dir: { type: 'string', default: os.tmpdir() },
  },
});
const queryCount = Number(args.queries);
const warmup = Number(args.warmup);
const runs = Number(args.runs);
const sizes = args.sizes.split(',').map(Number);
const shapes = args.shapes.split(',') as DataShape[];

function figures(run: QueryRun, truth: QueryRun | undefined): QueryFigures {
  return {
    p50: percentile(run.latencies, 50),
    p99: percentile(run.latencies, 99),
    recall: truth === undefined ? 1 : recallAtK(run.ids, truth.ids),
  };
}

async function runCase(dir: string, shape: DataShape, size: number): Promise<CaseResult> {
  const db = await connect(dir);
  const rows = makeRows(new VectorSource(shape, DIMENSION, 1), 0, size);
  const querySource = new VectorSource(shape, DIMENSION, 99);
  const queries = Array.from({ length: queryCount }, () => querySource.next());
  const log = (step: string): void => console.error(`  ${shape} ${size.toLocaleString('en')}: ${step}`);

  const rates: number[] = [];
  let table;
  for (let run = 0; run < runs; run++) {
    globalThis.gc?.();
    const name = `${shape}_${size}_${run}`;
    const inserted = await insertRows(db, name, rows);
    rates.push(inserted.rowsPerSecond);
    if (run < runs - 1) await db.dropTable(name);
    else table = inserted.table;
    log(`insert run ${run + 1}: ${Math.round(inserted.rowsPerSecond).toLocaleString('en')} rows/s`);
  }
  if (table === undefined) throw new Error('--runs must be at least 1');

  const compactMs = await compact(table);
  const exact = await runQueries(table, queries, 'exact', warmup);
  log(`exact search: p50 ${percentile(exact.latencies, 50).toFixed(1)} ms`);

  const buildMs = await buildVectorIndex(table, size, DIMENSION);
  let indexed: QueryFigures | undefined;
  let indexedWithBitmap: QueryFigures | undefined;
  if (buildMs !== undefined) {
    log(`vector index built in ${(buildMs / 1000).toFixed(1)} s`);
    indexed = figures(await runQueries(table, queries, 'index', warmup), exact);
    await buildFilterIndex(table);
    indexedWithBitmap = figures(await runQueries(table, queries, 'index', warmup), exact);
  }
  await db.dropTable(table.name);
  return {
    shape,
    size,
    insertRowsPerSecond: median(rates),
    compactMs,
    exact: figures(exact, undefined),
    buildMs,
    indexed,
    indexedWithBitmap,
  };
}

async function main(): Promise<void> {
  const dir = await mkdtemp(path.join(args.dir, 'operon-memory-bench-'));
  const started = performance.now();
  const results: CaseResult[] = [];
  try {
    console.error(`memory bench: ${DIMENSION} dimensions, recall@${K}, ${queryCount} queries after ${warmup} warm-up, in ${dir}`);
    for (const size of sizes) for (const shape of shapes) results.push(await runCase(dir, shape, size));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  console.log(
    renderResults(results, {
      queries: queryCount,
      indexMinRows: VECTOR_INDEX_MIN_ROWS,
      peakRss: process.resourceUsage().maxRSS * 1024,
      seconds: (performance.now() - started) / 1000,
    }),
  );
}

await main();
