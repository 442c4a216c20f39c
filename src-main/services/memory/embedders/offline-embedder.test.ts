import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OperonError } from '../../../../src-shared/errors/operon-error.ts';
import type { Embedder } from '../embedder.ts';
import { createOfflineEmbedder, offlineCachePath, type ConversionProgress } from './offline-embedder.ts';
import { embedderScorer, evaluateRetrieval, loadEvalSet, wordOverlapScorer } from './offline-eval.ts';
import { dot } from './vector-math.ts';
import { readWinkVectors } from './word-vector-cache.ts';

let cacheDir: string;
let embedder: Embedder;
const conversion: ConversionProgress[] = [];
beforeAll(async () => {
  cacheDir = await mkdtemp(path.join(os.tmpdir(), 'operon-offline-'));
  // Converts the package's vectors (about 15 s), telling how it goes.
  embedder = await createOfflineEmbedder({ cacheDir, onConvert: (progress) => conversion.push(progress) });
});
afterAll(async () => {
  await rm(cacheDir, { recursive: true, force: true });
});

/** The notes ordered by similarity to the query, best first. */
async function rank(query: string, notes: string[]): Promise<string[]> {
  const [queryVector, ...vectors] = await embedder.embed([query, ...notes]);
  const scores = vectors.map((vector) => (queryVector === undefined ? 0 : dot(queryVector, vector)));
  return notes
    .map((note, index) => ({ note, score: scores[index] ?? 0 }))
    .sort((a, b) => b.score - a.score)
    .map(({ note }) => note);
}

describe('createOfflineEmbedder', () => {
  it('tells how its one-time conversion goes: started, the words read so far rising to 100,000, finished', async () => {
    const cachePath = offlineCachePath(cacheDir);
    expect(conversion[0]).toMatchObject({ stage: 'started', cachePath });
    expect(conversion.at(-1)).toMatchObject({ stage: 'finished', words: 100_000, cachePath });
    const reading = conversion.slice(1, -1);
    expect(reading.every((progress) => progress.stage === 'reading' && progress.of === 100_000)).toBe(true);
    const words = reading.map((progress) => (progress.stage === 'reading' ? progress.words : -1));
    expect(words.length, 'several steps, not one at the end').toBeGreaterThan(3);
    expect(words).toEqual([...words].sort((a, b) => a - b));
    expect(words.at(-1)).toBe(100_000);

    const again: ConversionProgress[] = [];
    await createOfflineEmbedder({ cacheDir, onConvert: (progress) => again.push(progress) });
    expect(again, 'converted already: nothing to tell').toEqual([]);
  });

  it('names its model and version, and returns unit vectors of its dimension', async () => {
    expect(embedder.id).toBe('offline:glove-100d-sif@1');
    expect(embedder.dimension).toBe(100);
    const vectors = await embedder.embed(['The cat sat on the mat.', '', 'qwzxv-17']);
    expect(vectors).toHaveLength(3);
    for (const vector of vectors) {
      expect(vector).toHaveLength(100);
      expect(Math.hypot(...vector)).toBeCloseTo(1, 5);
    }
  });

  it('finds a note about a car for "automobile", though they share no word', async () => {
    const notes = [
      'We bought groceries at the market on Saturday.',
      'My laptop battery died during the meeting.',
      'Took the car to the garage, the brakes were squealing.',
      'The physician prescribed antibiotics for the infection.',
      'Sunny weather all week at the beach.',
    ];
    expect((await rank('automobile', notes))[0]).toBe(notes[2]);
  });

  it('matches a word it has no vector for with itself', async () => {
    const notes = ['Deploy the frobnicatorx service tonight.', 'Deploy the billing service tonight.', 'Dinner at eight.'];
    expect((await rank('frobnicatorx', notes))[0]).toBe(notes[0]);
  });

  it('beats word overlap on the synonym evaluation set', async () => {
    const set = await loadEvalSet();
    const offline = await evaluateRetrieval(set, embedderScorer(embedder));
    const overlap = await evaluateRetrieval(set, wordOverlapScorer);

    expect(offline.recallAt5).toBeGreaterThanOrEqual(0.8);
    expect(offline.recallAt1).toBeGreaterThan(overlap.recallAt1 + 0.3);
  });

  it('reads the converted cache on later loads, without the source', async () => {
    expect(await readdir(cacheDir)).toEqual(['glove-100d-sif-100000-v1.bin']);
    const again = await createOfflineEmbedder({ cacheDir, sourcePath: path.join(cacheDir, 'no-such-source.json') });
    expect([...((await again.embed(['automobile']))[0] ?? [])]).toEqual([...((await embedder.embed(['automobile']))[0] ?? [])]);
  });

  it('fails with OPR-143 when there is neither a cache nor a readable source', async () => {
    const emptyDir = await mkdtemp(path.join(os.tmpdir(), 'operon-offline-'));
    try {
      const error: unknown = await createOfflineEmbedder({ cacheDir: emptyDir, sourcePath: path.join(emptyDir, 'missing.json') }).catch(
        (reason: unknown) => reason,
      );
      expect(error).toBeInstanceOf(OperonError);
      expect((error as OperonError).code).toBe('OPR-143');
      expect((error as OperonError).message).toContain('missing.json');
    } finally {
      await rm(emptyDir, { recursive: true, force: true });
    }
  });
});

describe('readWinkVectors', () => {
  it('keeps the first words in order, skipping punctuation and reading escaped keys', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'operon-wink-'));
    try {
      const source = path.join(dir, 'vectors.json');
      const vectors = { the: [1, 0, 1, 0], ',': [0, 1, 1, 1], '\\"': [1, 1, 1.4, 2], café: [0, -2, 2, 3], dog: [3, 4, 5, 4] };
      await writeFile(source, JSON.stringify({ words: Object.keys(vectors), dimensions: 2, vectors }));
      const read = await readWinkVectors(source, 2);

      expect(read.dimension).toBe(2);
      expect(read.words).toEqual(['the', 'café']);
      expect([...read.ranks]).toEqual([0, 3]);
      expect((read.data[2] ?? 0) * (read.scales[1] ?? 0)).toBeCloseTo(0, 5);
      expect((read.data[3] ?? 0) * (read.scales[1] ?? 0)).toBeCloseTo(-2, 1);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
