import { createHash } from 'node:crypto';
import type { Embedder } from '../embedder.ts';

/**
 * A deterministic embedder for tests: feature hashing of lower-cased word tokens and character trigrams into
 * `dimension` signed buckets, L2-normalised. Texts sharing words are close; it knows nothing of meaning.
 */
export function hashEmbedder(dimension = 64, id = `test:hash@${dimension}`): Embedder & { calls: number } {
  const embedder = {
    id,
    dimension,
    calls: 0,
    embed(texts: string[], signal?: AbortSignal): Promise<Float32Array[]> {
      signal?.throwIfAborted();
      embedder.calls += 1;
      return Promise.resolve(texts.map((text) => embedOne(text, dimension)));
    },
  };
  return embedder;
}

function embedOne(text: string, dimension: number): Float32Array {
  const vector = new Float32Array(dimension);
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  for (const word of words) {
    add(vector, `w:${word}`, 1);
    const padded = ` ${word} `;
    for (let i = 0; i + 3 <= padded.length; i += 1) add(vector, `t:${padded.slice(i, i + 3)}`, 0.5);
  }
  let norm = 0;
  for (const value of vector) norm += value * value;
  if (norm === 0) {
    vector[0] = 1; // an empty text still gets a unit vector
    return vector;
  }
  const scale = 1 / Math.sqrt(norm);
  for (let i = 0; i < dimension; i += 1) vector[i] = (vector[i] ?? 0) * scale;
  return vector;
}

function add(vector: Float32Array, feature: string, weight: number): void {
  const digest = createHash('sha1').update(feature).digest();
  const bucket = digest.readUInt32LE(0) % vector.length;
  const sign = (digest[4] ?? 0) & 1 ? 1 : -1;
  vector[bucket] = (vector[bucket] ?? 0) + sign * weight;
}
