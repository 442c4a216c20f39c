import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Embedder } from '../embedder.ts';
import { createOfflineEmbedder, tokenize } from './offline-embedder.ts';
import { dot } from './vector-math.ts';

/** Notes, and queries each naming the one note it should find. */
export interface RetrievalSet {
  notes: { id: string; text: string }[];
  queries: { text: string; relevant: string }[];
}

export interface RetrievalScore {
  /** Share of queries whose relevant note ranks first. */
  recallAt1: number;
  /** Share of queries whose relevant note is in the first five. */
  recallAt5: number;
  /** Per query, the rank of its relevant note (1 = first). */
  ranks: number[];
}

/** Scores a query against every note; higher is closer. */
export type Scorer = (query: string, notes: string[]) => Promise<number[]>;

/** The fixed evaluation set in `fixtures/offline-eval.json`. */
export async function loadEvalSet(): Promise<RetrievalSet> {
  const file = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'offline-eval.json');
  return JSON.parse(await readFile(file, 'utf8')) as RetrievalSet;
}

/**
 * Ranks every note for each query and reports where the relevant one lands. A note scoring the same as the relevant
 * one counts as ahead of it, so a scorer full of ties (word overlap) is not flattered.
 */
export async function evaluateRetrieval(set: RetrievalSet, score: Scorer): Promise<RetrievalScore> {
  const texts = set.notes.map((note) => note.text);
  const ranks: number[] = [];
  for (const query of set.queries) {
    const scores = await score(query.text, texts);
    const target = set.notes.findIndex((note) => note.id === query.relevant);
    if (target === -1) throw new Error(`query "${query.text}" names an unknown note "${query.relevant}"`);
    const mine = scores[target] ?? -Infinity;
    ranks.push(1 + scores.filter((value, index) => index !== target && value >= mine).length);
  }
  const share = (limit: number): number => ranks.filter((rank) => rank <= limit).length / ranks.length;
  return { recallAt1: share(1), recallAt5: share(5), ranks };
}

/** Cosine similarity of the query's and each note's embeddings. */
export function embedderScorer(embedder: Embedder): Scorer {
  return async (query, notes) => {
    const [queryVector, ...noteVectors] = await embedder.embed([query, ...notes]);
    return noteVectors.map((vector) => (queryVector === undefined ? 0 : dot(queryVector, vector)));
  };
}

/** The baseline: cosine similarity of the sets of words (the same tokens the offline embedder reads). */
export const wordOverlapScorer: Scorer = (query, notes) => {
  const words = new Set(tokenize(query));
  return Promise.resolve(
    notes.map((note) => {
      const noteWords = new Set(tokenize(note));
      const shared = [...words].filter((word) => noteWords.has(word)).length;
      return shared === 0 ? 0 : shared / Math.sqrt(words.size * noteWords.size);
    }),
  );
};

/** `node src-main/services/memory/embedders/offline-eval.ts [cacheDir]`: prints recall@1/@5 of both scorers. */
async function main(): Promise<void> {
  const cacheDir = process.argv[2] ?? path.join(os.tmpdir(), 'operon-models');
  const set = await loadEvalSet();
  const embedder = await createOfflineEmbedder({ cacheDir });
  for (const [name, scorer] of [
    [embedder.id, embedderScorer(embedder)],
    ['word overlap', wordOverlapScorer],
  ] as const) {
    const { recallAt1, recallAt5 } = await evaluateRetrieval(set, scorer);
    console.log(`${name}: recall@1 ${recallAt1.toFixed(2)}, recall@5 ${recallAt5.toFixed(2)} (${set.queries.length} queries)`);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
