import { OperonError } from '../../../src-shared/errors/operon-error.ts';
import type { Embedder } from './embedder.ts';

/** Texts per embedder call. */
export const EMBED_BATCH = 64;

/**
 * Embeds `texts` 64 at a time, yielding every `yieldEvery` texts (so a caller can write as it goes). Checks each
 * vector's count and dimension; an embedder failure that is not already an OperonError becomes OPR-143.
 */
export async function* embedBatches(
  embedder: Embedder,
  texts: string[],
  signal: AbortSignal | undefined,
  yieldEvery = texts.length,
): AsyncGenerator<{ start: number; vectors: Float32Array[] }> {
  let pending: Float32Array[] = [];
  let pendingStart = 0;
  for (let start = 0; start < texts.length; start += EMBED_BATCH) {
    const batch = texts.slice(start, start + EMBED_BATCH);
    let vectors: Float32Array[];
    try {
      vectors = await embedder.embed(batch, signal);
    } catch (error) {
      if (error instanceof OperonError) throw error;
      throw new OperonError('OPR-143', `embedding failed (${embedder.id}): ${error instanceof Error ? error.message : String(error)}`, {
        retryable: true,
        cause: error,
      });
    }
    if (vectors.length !== batch.length || vectors.some((vector) => vector.length !== embedder.dimension)) {
      throw new OperonError('OPR-143', `embedder ${embedder.id} returned vectors of the wrong count or dimension`);
    }
    pending.push(...vectors);
    if (pending.length >= yieldEvery) {
      yield { start: pendingStart, vectors: pending };
      pendingStart += pending.length;
      pending = [];
    }
  }
  if (pending.length > 0) yield { start: pendingStart, vectors: pending };
}

/** Every vector of `texts`, in order. */
export async function embedAll(embedder: Embedder, texts: string[], signal?: AbortSignal): Promise<Float32Array[]> {
  const all: Float32Array[] = [];
  for await (const { vectors } of embedBatches(embedder, texts, signal)) all.push(...vectors);
  return all;
}
