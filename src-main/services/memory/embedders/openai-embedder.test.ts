import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OperonError } from '../../../../src-shared/errors/operon-error.ts';
import { ProviderConfigSchema } from '../../llm/providers.ts';
import { type FakeOpenAi, letterEmbedding, startFakeOpenAi } from '../../llm/testing/fake-openai-server.ts';
import { NEVER_MS, waitUntil } from '../../testing/waiting.ts';
import { createOpenAiEmbedder, type OpenAiEmbedderOptions } from './openai-embedder.ts';
import { toUnitLength } from './vector-math.ts';

let server: FakeOpenAi;
beforeEach(async () => {
  server = await startFakeOpenAi();
});
afterEach(async () => {
  await server.close();
});

/** The fake server's default embedding (27 numbers), as the embedder should return it: unit length, float32. */
const expected = (text: string): number[] => [...toUnitLength(Float32Array.from(letterEmbedding(text)))];

const embedder = (options: Partial<OpenAiEmbedderOptions> = {}) =>
  createOpenAiEmbedder({
    provider: ProviderConfigSchema.parse({ name: 'local', baseUrl: server.url }),
    model: 'fake-embed',
    dimension: 27,
    retryDelayMs: 1,
    ...options,
  });

async function failure(promise: Promise<unknown>): Promise<OperonError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  if (!(error instanceof OperonError)) throw new Error(`expected an OperonError, got ${String(error)}`);
  return error;
}

describe('createOpenAiEmbedder', () => {
  it('is named after the provider and model', () => {
    expect(embedder()).toMatchObject({ id: 'local:fake-embed', dimension: 27 });
  });

  it('sends batches of batchSize and returns unit vectors in input order', async () => {
    const texts = ['alpha', 'bravo', 'charlie', 'delta', 'echo'];
    const vectors = await embedder({ batchSize: 2 }).embed(texts);

    expect(server.requests.map((request) => request.body.input)).toEqual([['alpha', 'bravo'], ['charlie', 'delta'], ['echo']]);
    expect(server.requests.every((request) => request.body.model === 'fake-embed')).toBe(true);
    expect(vectors.map((vector) => [...vector])).toEqual(texts.map(expected));
    for (const vector of vectors) expect(Math.hypot(...vector)).toBeCloseTo(1, 5);
  });

  it('asks for floats by default, and decodes base64 when asked for it', async () => {
    const floats = await embedder().embed(['zebra']);
    const base64 = await embedder({ encoding: 'base64' }).embed(['zebra']);

    expect(server.requests.map((request) => request.body.encoding_format)).toEqual(['float', 'base64']);
    expect([...(base64[0] ?? [])]).toEqual(expected('zebra'));
    expect([...(floats[0] ?? [])]).toEqual(expected('zebra'));
  });

  it('sends nothing for no texts', async () => {
    expect(await embedder().embed([])).toEqual([]);
    expect(server.requests).toHaveLength(0);
  });

  it('retries a 429 after the wait the provider asks for, then succeeds', async () => {
    server.reply({ status: 429, headers: { 'retry-after-ms': '150' } });
    const started = performance.now();
    const [vector] = await embedder({ retryDelayMs: 0 }).embed(['kiwi']);

    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
    expect(server.requests).toHaveLength(2);
    expect([...(vector ?? [])]).toEqual(expected('kiwi'));
  });

  it('gives up after `retries` further attempts with OPR-143, the provider error as cause', async () => {
    server.reply({ status: 503 }, { status: 503 }, { status: 503 });
    const error = await failure(embedder({ retries: 2 }).embed(['kiwi']));

    expect(server.requests).toHaveLength(3);
    expect(error.code).toBe('OPR-143');
    expect(error.message).toContain('HTTP 503');
    expect(error.details).toMatchObject({ embedder: 'local:fake-embed', code: 'OPR-121', status: 503, attempts: 3 });
    expect(error.cause).toBeInstanceOf(OperonError);
  });

  it('does not retry a request the provider refused', async () => {
    server.reply({ status: 400 });
    const error = await failure(embedder().embed(['kiwi']));

    expect(server.requests).toHaveLength(1);
    expect(error.details).toMatchObject({ status: 400, attempts: 1 });
  });

  it('fails with OPR-143 naming both sizes when a vector has the wrong dimension', async () => {
    const error = await failure(embedder({ dimension: 1536 }).embed(['kiwi']));

    expect(error.code).toBe('OPR-143');
    expect(error.message).toMatch(/27 numbers.*1536/);
    expect(error.details).toMatchObject({ expected: 1536, received: 27 });
    expect(server.requests).toHaveLength(1); // not retried: it would fail the same way
  });

  it('fails with OPR-143 when the provider answers too few vectors', async () => {
    server.reply({ embedding: [letterEmbedding('one')] });
    const error = await failure(embedder().embed(['one', 'two']));

    expect(error.message).toContain('1 vectors for 2 texts');
  });

  it('stops when the signal aborts, with the signal’s reason', async () => {
    // The answer would come in an hour: rejecting at all proves the abort stopped the request, on any machine.
    server.reply({ delayMs: NEVER_MS, then: { embedding: [letterEmbedding('slow')] } });
    const controller = new AbortController();
    const embedding = embedder().embed(['slow'], controller.signal);
    await waitUntil(() => server.requests.length > 0, 'the server received the request');
    controller.abort(new Error('stopped by the test'));

    await expect(embedding).rejects.toThrow('stopped by the test');
  });

  it('stops waiting between retries when the signal aborts', async () => {
    server.reply({ status: 429, headers: { 'retry-after': String(NEVER_MS / 1000) } });
    const controller = new AbortController();
    let answered = 0;
    const counting: typeof fetch = async (...args) => {
      const response = await fetch(...args);
      answered++;
      return response;
    };
    const embedding = embedder({ fetch: counting }).embed(['kiwi'], controller.signal);
    // Aborted once the 429 reached the embedder (however slow the machine), so the wait to retry is what it stops.
    await waitUntil(() => answered > 0, 'the 429 reached the embedder');
    controller.abort(new Error('stopped while waiting'));

    await expect(embedding).rejects.toThrow('stopped while waiting');
    expect(server.requests).toHaveLength(1);
  });
});
