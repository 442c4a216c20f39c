import { OperonError } from '../../../../src-shared/errors/operon-error.ts';
import { createTimerClock } from '../../../../src-shared/services/timer-clock.ts';
import { createSdkClient } from '../../llm/openai-transport.ts';
import { toProviderError } from '../../llm/provider-errors.ts';
import type { ProviderConfig } from '../../llm/providers.ts';
import type { Embedder } from '../embedder.ts';
import { toUnitLength } from './vector-math.ts';

export interface OpenAiEmbedderOptions {
  /** Any provider speaking the OpenAI embeddings API: OpenAI, Ollama, LM Studio, vLLM… (see providers.json). */
  provider: ProviderConfig;
  /** The provider's key (see `providerApiKeys`); undefined for a local server that needs none. */
  apiKey?: string;
  /** e.g. `text-embedding-3-small` (1536 numbers) or Ollama's `nomic-embed-text` (768). */
  model: string;
  /** How many numbers each vector must have; a provider answering otherwise fails with OPR-143. */
  dimension: number;
  /** Inputs per request (default 64). */
  batchSize?: number;
  /** Further attempts after a retryable failure (429, 5xx, timeouts, connection errors); default 3. */
  retries?: number;
  /** The first wait before retrying, doubled on each attempt, unless the provider says how long (default 500 ms). */
  retryDelayMs?: number;
  /** `float` (default) asks for JSON numbers; `base64` for little-endian float32, smaller on the wire. */
  encoding?: 'float' | 'base64';
  /** The fetch the SDK uses (default: the global one). */
  fetch?: typeof fetch;
}

/**
 * An embedder backed by a provider's `POST /embeddings`, through the `openai` SDK. Splits the texts into batches of
 * `batchSize`, sends them one after another, retries retryable failures (waiting what the provider's `retry-after`
 * asks, else an exponential backoff), checks each vector has `dimension` numbers and scales it to unit length.
 * The SDK is built as the chat transport builds it: it never retries by itself and reads nothing from the environment.
 * Every failure is OPR-143, the provider's error (OPR-121/122) as its cause and in `details`.
 */
export function createOpenAiEmbedder(options: OpenAiEmbedderOptions): Embedder {
  const { provider, apiKey, model, dimension } = options;
  const batchSize = options.batchSize ?? 64;
  const retries = options.retries ?? 3;
  const retryDelayMs = options.retryDelayMs ?? 500;
  const encoding = options.encoding ?? 'float';
  if (!Number.isInteger(dimension) || dimension <= 0) throw new TypeError(`dimension must be a positive integer, got ${dimension}`);
  if (!Number.isInteger(batchSize) || batchSize <= 0) throw new TypeError(`batchSize must be a positive integer, got ${batchSize}`);
  const id = `${provider.name}:${model}`;

  const client = createSdkClient(provider, apiKey, options.fetch);
  const clock = createTimerClock();

  const fail = (message: string, details: Record<string, unknown> = {}, cause?: unknown): OperonError =>
    new OperonError('OPR-143', `Embedder ${id}: ${message}`, { details: { embedder: id, ...details }, cause });

  /** One request, retried while the provider's failure is retryable and attempts remain. */
  const embedBatch = async (input: string[], signal: AbortSignal | undefined): Promise<Float32Array[]> => {
    for (let attempt = 0; ; attempt++) {
      signal?.throwIfAborted();
      try {
        const response = await client.embeddings.create({ model, input, encoding_format: encoding }, { signal });
        return readVectors(response.data, input.length);
      } catch (error) {
        signal?.throwIfAborted();
        if (error instanceof OperonError && error.code === 'OPR-143') throw error;
        const providerError = toProviderError(error, provider, apiKey);
        if (!providerError.retryable || attempt >= retries) {
          throw fail(providerError.message, { ...providerError.details, code: providerError.code, attempts: attempt + 1 }, providerError);
        }
        const asked = providerError.details?.retryAfterMs;
        await clock.sleep(typeof asked === 'number' ? asked : retryDelayMs * 2 ** attempt, signal);
      }
    }
  };

  /** The answer's vectors in input order (by their `index`), decoded, checked and unit-length. */
  const readVectors = (data: unknown[], expected: number): Float32Array[] => {
    if (!Array.isArray(data) || data.length !== expected) {
      throw fail(`the provider answered ${Array.isArray(data) ? data.length : 'no'} vectors for ${expected} texts`);
    }
    const vectors = new Array<Float32Array | undefined>(expected);
    data.forEach((item, position) => {
      const { index, embedding } = item as { index?: unknown; embedding?: unknown };
      const slot = typeof index === 'number' ? index : position;
      const vector = decode(embedding);
      if (vector === undefined) throw fail(`vector ${slot} is neither a list of numbers nor base64 float32`);
      if (vector.length !== dimension) {
        throw fail(`the provider answered vectors of ${vector.length} numbers, but the embedder is configured for ${dimension}`, {
          expected: dimension,
          received: vector.length,
        });
      }
      vectors[slot] = toUnitLength(vector);
    });
    return vectors.map((vector, slot) => vector ?? missing(slot));
  };
  const missing = (slot: number): never => {
    throw fail(`the provider answered no vector for text ${slot}`);
  };

  return {
    id,
    dimension,
    async embed(texts, signal) {
      const vectors: Float32Array[] = [];
      for (let start = 0; start < texts.length; start += batchSize) {
        vectors.push(...(await embedBatch(texts.slice(start, start + batchSize), signal)));
      }
      return vectors;
    },
  };
}

/** A JSON list of numbers, or base64 of little-endian float32 (as OpenAI sends for `encoding_format: 'base64'`). */
function decode(embedding: unknown): Float32Array | undefined {
  if (Array.isArray(embedding)) return embedding.every((value) => typeof value === 'number') ? Float32Array.from(embedding) : undefined;
  if (typeof embedding !== 'string') return undefined;
  const bytes = Buffer.from(embedding, 'base64');
  if (bytes.length % 4 !== 0) return undefined;
  const vector = new Float32Array(bytes.length / 4);
  for (let i = 0; i < vector.length; i++) vector[i] = bytes.readFloatLE(i * 4);
  return vector;
}
