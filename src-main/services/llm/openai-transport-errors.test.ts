import { describe, expect, it } from 'vitest';
import { OperonError } from '../../../src-shared/errors/operon-error.ts';
import type { ChatOptions, ChatRequest, LlmTransport } from '../../../src-shared/llm/types.ts';
import { createOpenAiTransport } from './openai-transport.ts';
import { ProviderConfigSchema } from './providers.ts';
import { NEVER_MS, waitUntil } from '../testing/waiting.ts';
import { startFakeOpenAi } from './testing/fake-openai-server.ts';
import { startTransport } from './testing/transport-fixture.ts';

const KEY = 'sk-test-secret-0123456789';
const signal = new AbortController().signal;
const ask: ChatRequest = { provider: 'fake', model: 'gpt-test', messages: [{ role: 'user', content: 'hi' }] };
const streaming: ChatOptions = { signal, onDelta: () => undefined };

/** The OperonError a call rejects with. */
async function failure(transport: LlmTransport, request: ChatRequest = ask, options: ChatOptions = { signal }): Promise<OperonError> {
  const error: unknown = await transport.chat(request, options).then(
    () => undefined,
    (reason: unknown) => reason,
  );
  if (!(error instanceof OperonError)) throw new Error(`expected an OperonError, got ${String(error)}`);
  return error;
}

describe('createOpenAiTransport: provider errors', () => {
  it.each([
    ['retry-after in seconds', { 'retry-after': '1' }, 1000],
    ['retry-after-ms', { 'retry-after-ms': '20', 'retry-after': '5' }, 20],
  ])('429 with %s is retryable OPR-121 with retryAfterMs', async (_, headers, wait) => {
    const { server, transport } = await startTransport({}, KEY);
    server.reply({ status: 429, headers });
    const error = await failure(transport);
    expect(error).toMatchObject({ code: 'OPR-121', retryable: true, details: { provider: 'fake', status: 429, retryAfterMs: wait } });
    expect(server.requests).toHaveLength(1); // the SDK does not retry by itself
  });

  it.each([
    [500, true],
    [503, true],
    [408, true],
    [409, true],
    [400, false],
    [401, false],
    [404, false],
  ])('HTTP %i is OPR-121, retryable: %s (plain and streamed)', async (status, retryable) => {
    const { server, transport } = await startTransport({}, KEY);
    server.reply({ status }, { status });
    for (const options of [{ signal }, streaming]) {
      const error = await failure(transport, ask, options);
      expect(error).toMatchObject({ code: 'OPR-121', retryable, details: { status } });
      expect(error.details).not.toHaveProperty('retryAfterMs');
      expect(error.message).toContain(`HTTP ${status}`);
    }
  });

  it('never puts the API key in a message or the details, even when the provider echoes it', async () => {
    const { server, transport } = await startTransport({}, KEY);
    server.reply(
      { status: 401, body: { error: { message: `Incorrect API key provided: ${KEY}`, type: 'invalid_request_error' } } },
      { status: 500, body: `upstream saw Bearer ${KEY}` },
    );
    const errors = [await failure(transport), await failure(transport, ask, streaming)];
    expect(server.requests[0]?.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(errors[0]?.message).toContain('Incorrect API key provided: [api key]');
    for (const error of errors) expect(JSON.stringify(error.toInfo())).not.toContain(KEY);
  });

  it('reads an error event inside a stream as OPR-121', async () => {
    const { server, transport } = await startTransport();
    server.reply({
      raw: 'data: {"error":{"message":"The server had an error","type":"server_error"}}\n\n',
      headers: { 'content-type': 'text/event-stream' },
    });
    expect(await failure(transport, ask, streaming)).toMatchObject({ code: 'OPR-121', retryable: true });
  });
});

describe('createOpenAiTransport: timeouts, aborts and lost connections', () => {
  it('rejects with the abort reason when the caller aborts an answer that never comes, and the server stays up', async () => {
    const { server, transport } = await startTransport();
    for (const onDelta of [undefined, () => undefined]) {
      // The answer would come in an hour: rejecting at all proves the abort ended the call, on any machine.
      server.reply({ delayMs: NEVER_MS, then: { content: 'too late' } });
      const controller = new AbortController();
      const reason = new Error('run cancelled');
      const pending = transport.chat(ask, { signal: controller.signal, ...(onDelta === undefined ? {} : { onDelta }) });
      await waitUntil(() => server.requests.length > 0, 'the server received the request');
      server.requests.length = 0;
      controller.abort(reason);
      await expect(pending).rejects.toBe(reason);
    }
    expect((await transport.chat(ask, { signal })).message.content).toBe('echo: hi');
  });

  it('stops a stream part-way when aborted: no delta after the abort, rejected with the reason', async () => {
    const { server, transport } = await startTransport();
    server.reply({ content: 'one two three four five', chunkDelayMs: 50 });
    const controller = new AbortController();
    const deltas: string[] = [];
    const reason = new Error('stop');
    const pending = transport.chat(ask, {
      signal: controller.signal,
      onDelta: (text) => {
        deltas.push(text);
        if (deltas.length === 2) controller.abort(reason);
      },
    });
    await expect(pending).rejects.toBe(reason);
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(deltas).toEqual(['one', ' two']);
  });

  it('sends nothing when the signal is already aborted', async () => {
    const { server, transport } = await startTransport();
    const reason = new Error('already');
    await expect(transport.chat(ask, { signal: AbortSignal.abort(reason) })).rejects.toBe(reason);
    expect(server.requests).toHaveLength(0);
  });

  it("fails as a retryable OPR-121 after the provider's timeoutMs, waiting for an answer or for the next chunk", async () => {
    const { server, transport } = await startTransport({ timeoutMs: 150 });
    // The answer, and the stream's second chunk, would come in an hour: failing at all is the timeout's doing.
    server.reply({ delayMs: NEVER_MS, then: { content: 'late' } }, { content: 'a b c', chunkDelayMs: NEVER_MS });
    for (const options of [{ signal }, streaming]) {
      const error = await failure(transport, ask, options);
      expect(error).toMatchObject({ code: 'OPR-121', retryable: true, details: { status: null } });
      expect(error.message).toContain('150 ms');
    }
  });

  it('fails as a retryable OPR-121 when the provider cannot be reached', async () => {
    const closed = await startFakeOpenAi();
    await closed.close();
    const provider = ProviderConfigSchema.parse({ name: 'gone', baseUrl: closed.url });
    const transport = createOpenAiTransport({ providers: [provider], apiKey: () => undefined });
    const error = await failure(transport, { ...ask, provider: 'gone' });
    expect(error).toMatchObject({ code: 'OPR-121', retryable: true, details: { provider: 'gone', status: null } });
    expect(error.message).toContain(closed.url);
    expect(error.message).toContain('ECONNREFUSED');
  });
});

describe('createOpenAiTransport: unreadable answers and unknown providers', () => {
  it.each([
    ['malformed JSON', { raw: '{"choices": [' }, /malformed JSON/],
    ['JSON that is not a completion', { raw: '{"object": "list", "data": []}' }, /choices/],
    ['no choices', { raw: '{"model": "m", "choices": []}' }, /no choices/],
    ['a message without content or tools', { raw: '{"choices": [{"message": {"content": 5}}]}' }, /choices\[0\]\.message\.content/],
    ['text', { raw: '<html>proxy error</html>', headers: { 'content-type': 'text/html' } }, /text: "<html>proxy error/],
  ])('reads %s as OPR-122', async (_, reply, message) => {
    const { server, transport } = await startTransport();
    server.reply(reply);
    const error = await failure(transport);
    expect(error).toMatchObject({ code: 'OPR-122', retryable: false });
    expect(error.message).toMatch(message);
  });

  it.each([
    ['malformed JSON in an event', 'data: {"choices": [\n\ndata: [DONE]\n\n', /malformed/],
    ['a stream without choices', 'data: {"id": "x"}\n\ndata: [DONE]\n\n', /no choices/],
    ['a chunk of the wrong shape', 'data: {"choices": [{"delta": {"content": 42}}]}\n\ndata: [DONE]\n\n', /delta\.content/],
  ])('reads %s as OPR-122', async (_, raw, message) => {
    const { server, transport } = await startTransport();
    server.reply({ raw, headers: { 'content-type': 'text/event-stream' } });
    const error = await failure(transport, ask, streaming);
    expect(error).toMatchObject({ code: 'OPR-122' });
    expect(error.message).toMatch(message);
  });

  it('names the configured providers and how to add one for an unknown provider, and sends nothing', async () => {
    const { server, transport } = await startTransport();
    const error = await failure(transport, { ...ask, provider: 'anthropic' });
    expect(error).toMatchObject({ code: 'OPR-120', details: { provider: 'anthropic', configured: ['fake'] } });
    expect(error.message).toContain('"anthropic"');
    expect(error.message).toContain('configured: fake');
    for (const how of ['OPENAI_API_KEY', 'providers.json', 'OPERON_PROVIDER_<NAME>_BASE_URL']) expect(error.message).toContain(how);
    expect(server.requests).toHaveLength(0);

    const none = await failure(createOpenAiTransport({ providers: [], apiKey: () => undefined }));
    expect(none.message).toContain('no provider is configured');
  });

  it('is OPR-120 naming where the key comes from when a provider that needs one has none', async () => {
    const { server } = await startTransport();
    const providers = [
      ProviderConfigSchema.parse({ name: 'env', baseUrl: server.url, apiKeyEnv: 'MY_KEY' }),
      ProviderConfigSchema.parse({ name: 'secret', baseUrl: server.url, apiKeySecret: 'llm_key' }),
    ];
    const transport = createOpenAiTransport({ providers, apiKey: () => undefined });
    expect((await failure(transport, { ...ask, provider: 'env' })).message).toContain('environment variable MY_KEY');
    expect((await failure(transport, { ...ask, provider: 'secret' })).message).toContain('OPERON_SECRET_LLM_KEY');
    expect(server.requests).toHaveLength(0);
  });
});
