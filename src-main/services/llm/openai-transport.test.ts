import { describe, expect, it, onTestFinished, vi } from 'vitest';
import type { ChatRequest } from '../../../src-shared/llm/types.ts';
import { startTransport } from './testing/transport-fixture.ts';

const signal = new AbortController().signal;
const ask = (content: string, extra: Partial<ChatRequest> = {}): ChatRequest => ({
  provider: 'fake',
  model: 'gpt-test',
  messages: [{ role: 'user', content }],
  ...extra,
});

describe('createOpenAiTransport: answers', () => {
  it('maps a whole conversation and its parameters to the Chat Completions body, and the answer back', async () => {
    const { server, transport } = await startTransport();
    server.reply({ content: 'Paris.', usage: { prompt_tokens: 11, completion_tokens: 2, total_tokens: 13 } });
    const tools = [
      { name: 'lookup', description: 'Looks a city up', parameters: { type: 'object', properties: { city: { type: 'string' } } } },
    ];

    const response = await transport.chat(
      {
        provider: 'fake',
        model: 'gpt-test',
        messages: [
          { role: 'system', content: 'Be brief.' },
          { role: 'user', content: 'Capital of France?' },
          { role: 'assistant', content: null, toolCalls: [{ id: 'call_1', name: 'lookup', arguments: '{"city":"Paris"}' }] },
          { role: 'tool', toolCallId: 'call_1', content: '{"capital":true}' },
        ],
        tools,
        temperature: 0.2,
        maxTokens: 50,
        stop: ['\n\n'],
        seed: 7,
        responseFormat: { type: 'json_object' },
      },
      { signal },
    );

    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]?.path).toBe('/v1/chat/completions');
    expect(server.requests[0]?.body).toEqual({
      model: 'gpt-test',
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Capital of France?' },
        {
          role: 'assistant',
          content: null,
          tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'lookup', arguments: '{"city":"Paris"}' } }],
        },
        { role: 'tool', tool_call_id: 'call_1', content: '{"capital":true}' },
      ],
      tools: [{ type: 'function', function: tools[0] }],
      temperature: 0.2,
      max_tokens: 50,
      stop: ['\n\n'],
      seed: 7,
      response_format: { type: 'json_object' },
    });
    expect(response).toEqual({
      model: 'gpt-test',
      message: { role: 'assistant', content: 'Paris.' },
      finishReason: 'stop',
      usage: { promptTokens: 11, completionTokens: 2, totalTokens: 13 },
    });
  });

  it('leaves out what the request leaves out, and reads the default usage of the fake server', async () => {
    const { server, transport } = await startTransport();
    const response = await transport.chat(ask('12345678'), { signal });
    expect(server.requests[0]?.body).toEqual({ model: 'gpt-test', messages: [{ role: 'user', content: '12345678' }] });
    expect(response.message.content).toBe('echo: 12345678');
    expect(response.usage).toEqual({ promptTokens: 2, completionTokens: 4, totalTokens: 6 }); // 8/4, ceil(14/4)
  });

  it('reports null usage when the provider gives none', async () => {
    const { server, transport } = await startTransport();
    server.reply({ content: 'no count', usage: null }, { content: 'no count either', usage: null });
    expect((await transport.chat(ask('hi'), { signal })).usage).toBeNull();
    expect((await transport.chat(ask('hi'), { signal, onDelta: () => undefined })).usage).toBeNull();
  });

  it('streams: each text delta in order, the content their join, usage from the last chunk', async () => {
    const { server, transport } = await startTransport();
    server.reply({ content: 'Hello streamed world', usage: { prompt_tokens: 3, completion_tokens: 5, total_tokens: 8 } });
    const deltas: string[] = [];
    const response = await transport.chat(ask('hi'), { signal, onDelta: (text) => deltas.push(text) });

    expect(deltas).toEqual(['Hello', ' streamed', ' world']);
    expect(response.message.content).toBe(deltas.join(''));
    expect(response.usage).toEqual({ promptTokens: 3, completionTokens: 5, totalTokens: 8 });
    expect(response.finishReason).toBe('stop');
    expect(server.requests[0]?.body).toMatchObject({ stream: true, stream_options: { include_usage: true } });
  });

  it('returns tool calls with their arguments exactly as written, plain and streamed', async () => {
    const { server, transport } = await startTransport();
    const calls = [
      { name: 'lookup', arguments: { city: 'Zürich', tags: ['a', 'b'], nested: { deep: [1, 2, 3] } } },
      { name: 'broken', arguments: '{"not": json', id: 'call_given' },
    ];
    server.reply({ toolCalls: calls }, { toolCalls: calls, content: 'Let me check.' });
    const expected = [
      { id: 'call_1_0', name: 'lookup', arguments: JSON.stringify(calls[0]?.arguments) },
      { id: 'call_given', name: 'broken', arguments: '{"not": json' },
    ];

    const plain = await transport.chat(ask('weather?'), { signal });
    expect(plain.message).toEqual({ role: 'assistant', content: null, toolCalls: expected });
    expect(plain.finishReason).toBe('tool_calls');

    const deltas: string[] = [];
    const streamed = await transport.chat(ask('weather?'), { signal, onDelta: (text) => deltas.push(text) });
    expect(streamed.message).toEqual({
      role: 'assistant',
      content: 'Let me check.',
      toolCalls: [{ ...expected[0], id: 'call_2_0' }, expected[1]],
    });
    expect(deltas.join('')).toBe('Let me check.');
    expect(streamed.finishReason).toBe('tool_calls');
  });

  it('passes a json_schema response format through', async () => {
    const { server, transport } = await startTransport();
    const schema = { type: 'object', properties: { answer: { type: 'string' } }, required: ['answer'], additionalProperties: false };
    await transport.chat(ask('json please', { responseFormat: { type: 'json_schema', name: 'answer', schema, strict: true } }), { signal });
    expect(server.requests[0]?.body.response_format).toEqual({
      type: 'json_schema',
      json_schema: { name: 'answer', schema, strict: true },
    });
  });

  it("sends maxTokens under the provider's maxTokensParam", async () => {
    const { server, transport } = await startTransport({ maxTokensParam: 'max_completion_tokens' });
    await transport.chat(ask('short', { maxTokens: 64 }), { signal });
    expect(server.requests[0]?.body).toMatchObject({ max_completion_tokens: 64 });
    expect(server.requests[0]?.body).not.toHaveProperty('max_tokens');
  });

  it('sends the key as a bearer token, the provider headers, and nothing the SDK would take from the environment', async () => {
    vi.stubEnv('OPENAI_ORG_ID', 'org-from-env');
    vi.stubEnv('OPENAI_CUSTOM_HEADERS', 'X-Gateway-Auth: gateway-secret\nx-team: red');
    onTestFinished(() => void vi.unstubAllEnvs());
    const { server, transport } = await startTransport({ headers: { 'x-team': 'blue' } }, 'sk-test-key-0123456789');
    await transport.chat(ask('hi'), { signal });
    expect(server.requests[0]?.headers).toMatchObject({ authorization: 'Bearer sk-test-key-0123456789', 'x-team': 'blue' });
    expect(server.requests[0]?.headers).not.toHaveProperty('openai-organization');
    expect(server.requests[0]?.headers).not.toHaveProperty('x-gateway-auth');
  });

  it("sends the placeholder key to a provider that has none, and asks for each provider's key once", async () => {
    const keys: string[] = [];
    const { server, transport } = await startTransport({}, undefined, (provider) => keys.push(provider.name));
    await transport.chat(ask('one'), { signal });
    await transport.chat(ask('two'), { signal, onDelta: () => undefined });
    expect(server.requests.map((request) => request.headers.authorization)).toEqual(['Bearer not-needed', 'Bearer not-needed']);
    expect(keys).toEqual(['fake']);
    expect(transport.providers()).toEqual(['fake']);
  });

  it('does not let an onDelta failure pass for a provider error', async () => {
    const { server, transport } = await startTransport();
    server.reply({ content: 'one two three', chunkDelayMs: 20 });
    const failure = new Error('the UI went away');
    await expect(
      transport.chat(ask('hi'), {
        signal,
        onDelta: () => {
          throw failure;
        },
      }),
    ).rejects.toBe(failure);
  });
});
