import { OpenAI } from 'openai';
import { describe, expect, it, onTestFinished } from 'vitest';
import { type FakeHandler, letterEmbedding, startFakeOpenAi } from './fake-openai-server.ts';

async function start(handler?: FakeHandler) {
  const server = await startFakeOpenAi(handler);
  onTestFinished(() => server.close());
  const client = new OpenAI({ apiKey: 'sk-fake', baseURL: server.url, maxRetries: 0, logLevel: 'off' });
  return { server, client };
}

describe('startFakeOpenAi', () => {
  it('serves embeddings as floats or as base64 float32, which the SDK decodes (its default)', async () => {
    const { server, client } = await start();
    const vectors = [
      [0.5, -1.25, 3],
      [0.125, 0, -2],
    ];
    server.reply({ embedding: vectors }, { embedding: vectors });

    const floats = await client.embeddings.create({ model: 'emb', input: ['a', 'b'], encoding_format: 'float' });
    expect(floats.data.map((item) => item.embedding)).toEqual(vectors);
    const decoded = await client.embeddings.create({ model: 'emb', input: ['a', 'b'] });
    expect(decoded.data.map((item) => item.embedding)).toEqual(vectors); // exact in float32
    expect(server.requests.map((request) => request.body.encoding_format)).toEqual(['float', 'base64']);

    const base64 = await client.embeddings.create({ model: 'emb', input: 'hello', encoding_format: 'base64' });
    expect(base64.data[0]?.embedding).toBe(Buffer.from(new Float32Array(letterEmbedding('hello')).buffer).toString('base64'));
    expect(base64.usage).toEqual({ prompt_tokens: 2, total_tokens: 2 });
  });

  it('embeds by letter frequency by default, so texts sharing words are closer', async () => {
    const { client } = await start();
    const { data } = await client.embeddings.create({
      model: 'emb',
      input: ['cats and dogs', 'dogs and cats!', 'xyz'],
      encoding_format: 'float',
    });
    const [a, b, c] = data.map((item) => item.embedding);
    const dot = (x: number[] = [], y: number[] = []) => x.reduce((sum, value, index) => sum + value * (y[index] ?? 0), 0);
    expect(dot(a, a)).toBeCloseTo(1);
    expect(dot(a, b)).toBeCloseTo(1);
    expect(dot(a, c)).toBeLessThan(0.5);
  });

  it('lists a model, answers 404 elsewhere without taking a queued reply, and echoes by default', async () => {
    const { server, client } = await start();
    const models = await client.models.list();
    expect(models.data.map((model) => model.id)).toEqual(['fake-model']);
    server.reply({ content: 'queued' });
    await expect(client.get('/nowhere')).rejects.toMatchObject({ status: 404 });
    const queued = await client.chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'x' }] });
    expect(queued.choices[0]?.message.content).toBe('queued');
    const echoed = await client.chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'again' }] });
    expect(echoed.choices[0]?.message.content).toBe('echo: again');
    expect(server.requests.map((request) => `${request.method} ${request.path}`)).toEqual([
      'GET /v1/models',
      'GET /v1/nowhere',
      'POST /v1/chat/completions',
      'POST /v1/chat/completions',
    ]);
  });

  it('answers a reply of the wrong kind for the endpoint with a 500 that says so', async () => {
    const { server, client } = await start();
    server.reply({ content: 'not a model list' }, { embedding: [[1]] });
    await expect(client.models.list()).rejects.toMatchObject({ status: 500, message: expect.stringContaining('/v1/models') });
    await expect(client.chat.completions.create({ model: 'm', messages: [] })).rejects.toMatchObject({
      status: 500,
      message: expect.stringContaining('an embedding reply was queued'),
    });
  });

  it('asks the handler when nothing is queued', async () => {
    const { server, client } = await start((request) => (request.body.model === 'special' ? { content: 'from the handler' } : undefined));
    server.reply({ status: 503 });
    await expect(client.chat.completions.create({ model: 'special', messages: [] })).rejects.toMatchObject({ status: 503 });
    const handled = await client.chat.completions.create({ model: 'special', messages: [] });
    expect(handled.choices[0]?.message.content).toBe('from the handler');
    const fallback = await client.chat.completions.create({ model: 'other', messages: [{ role: 'user', content: 'q' }] });
    expect(fallback.choices[0]?.message.content).toBe('echo: q');
  });

  it('streams with the role first, tool calls in indexed pieces, and usage last', async () => {
    const { server, client } = await start();
    server.reply({ toolCalls: [{ name: 'f', arguments: { long: 'x'.repeat(20) } }] });
    const stream = await client.chat.completions.create({
      model: 'm',
      messages: [{ role: 'user', content: 'abcd' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);
    expect(chunks[0]?.choices[0]?.delta).toMatchObject({ role: 'assistant' });
    const pieces = chunks.flatMap((chunk) => chunk.choices[0]?.delta.tool_calls ?? []);
    expect(pieces.length).toBeGreaterThan(3);
    expect(pieces.every((piece) => piece.index === 0)).toBe(true);
    expect(pieces.map((piece) => piece.function?.arguments ?? '').join('')).toBe(JSON.stringify({ long: 'x'.repeat(20) }));
    expect(chunks.at(-1)).toMatchObject({ choices: [], usage: { prompt_tokens: 1, completion_tokens: 8, total_tokens: 9 } });
    expect(chunks.at(-2)?.choices[0]?.finish_reason).toBe('tool_calls');
  });
});
