/**
 * Seeded synthetic embeddings for the memory benchmark: no embedder runs, so insert and query figures are LanceDB's
 * alone. Two shapes of data:
 *
 * - `random`: unit vectors uniform on the sphere. No structure at all, which is the worst case for an IVF index (every
 *   partition is about as close as every other) and for product quantisation (nothing to learn).
 * - `clustered`: unit vectors around {@link CLUSTERS} random centres, like real text embeddings, which gather by topic.
 *   With {@link CLUSTER_SPREAD} per dimension, a point's cosine similarity to its centre is about 0.7 and to another
 *   point of its cluster about 0.5, near what sentence-embedding models give for texts on one topic.
 */

export type DataShape = 'clustered' | 'random';

/** Number of Gaussian clusters in the `clustered` data. */
export const CLUSTERS = 200;
/** Standard deviation, per dimension, of a clustered point around its centre (before normalising). */
export const CLUSTER_SPREAD = 0.05;
/** Rows are spread round-robin over this many collections, `c0` to `c9`: a `collection = 'c3'` filter keeps 10%. */
export const COLLECTIONS = 10;

/** mulberry32: a small, fast, seeded generator of floats in [0, 1). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Standard normal samples (Box-Muller) from a uniform generator. */
function gaussian(random: () => number): () => number {
  let spare: number | undefined;
  return () => {
    if (spare !== undefined) {
      const value = spare;
      spare = undefined;
      return value;
    }
    const radius = Math.sqrt(-2 * Math.log(1 - random()));
    const angle = 2 * Math.PI * random();
    spare = radius * Math.sin(angle);
    return radius * Math.cos(angle);
  };
}

function normalise(vector: Float32Array): Float32Array {
  let norm = 0;
  for (const value of vector) norm += value * value;
  const scale = 1 / Math.sqrt(norm);
  for (let i = 0; i < vector.length; i++) vector[i] = vector[i]! * scale;
  return vector;
}

/** An endless, seeded source of unit vectors of one shape. Queries come from the same distribution as the rows. */
export class VectorSource {
  readonly #normal: () => number;
  readonly #random: () => number;
  readonly #centres: Float32Array[];

  readonly shape: DataShape;
  readonly dimension: number;

  constructor(shape: DataShape, dimension: number, seed: number) {
    this.shape = shape;
    this.dimension = dimension;
    this.#random = seededRandom(seed);
    this.#normal = gaussian(this.#random);
    // The centres come from their own seed, so rows and queries drawn from different seeds share the clusters.
    const centreNormal = gaussian(seededRandom(0xc1a55));
    this.#centres = shape === 'clustered' ? Array.from({ length: CLUSTERS }, () => this.#unit(centreNormal)) : [];
  }

  next(): Float32Array {
    if (this.shape === 'random') return this.#unit(this.#normal);
    const centre = this.#centres[Math.floor(this.#random() * CLUSTERS)]!;
    const vector = new Float32Array(this.dimension);
    for (let i = 0; i < this.dimension; i++) vector[i] = centre[i]! + CLUSTER_SPREAD * this.#normal();
    return normalise(vector);
  }

  #unit(normal: () => number): Float32Array {
    const vector = new Float32Array(this.dimension);
    for (let i = 0; i < this.dimension; i++) vector[i] = normal();
    return normalise(vector);
  }
}

/** One memory row as the benchmark writes it: the columns a filtered search needs, plus a short text. */
export interface MemoryRow extends Record<string, unknown> {
  id: string;
  collection: string;
  text: string;
  vector: Float32Array;
}

/** Rows `start` to `start + count - 1`, collections round-robin. */
export function makeRows(source: VectorSource, start: number, count: number): MemoryRow[] {
  return Array.from({ length: count }, (_, offset) => {
    const index = start + offset;
    return { id: `m${index}`, collection: `c${index % COLLECTIONS}`, text: `memory ${index}`, vector: source.next() };
  });
}
