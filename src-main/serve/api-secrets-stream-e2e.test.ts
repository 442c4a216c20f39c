import { afterEach, describe, expect, it } from 'vitest';
import type { EngineEvent } from '../../src-shared/engine/events.ts';
import { startLoopbackServer, type LoopbackServer } from '../cli/testing/run-cli.ts';
import { startFakeOpenAi, type FakeOpenAi } from '../services/llm/testing/fake-openai-server.ts';
import { errorOf, expectNowhere, runOne } from './testing/secret-runs.ts';
import { serveForTest } from './testing/test-server.ts';

// A model that writes a secret, or the key it was called with, into its answer: the LLM node fails (OPR-190, naming
// the secret or the key's variable) before the answer is streamed, cached, logged in clear or handed on. Every file
// under the data folder and every message pushed to the client are scanned afterwards.

/** Two words, so the fake model streams it in two pieces: the first must not go out before the second arrives. */
const SECRET = 'sesame open-4d1c0ffee77';
const KEY = 'sk-fake-key-0123456789';
/** Long enough that some of the answer streams out before the secret does (the stream holds back a secret's length). */
const PREAMBLE = 'Here is everything I was able to find about the request that you sent to me a moment ago, in full.';

let closers: (LoopbackServer | FakeOpenAi)[] = [];
afterEach(async () => {
  await Promise.all(closers.map((each) => each.close()));
  closers = [];
});

const partials = (events: EngineEvent[]): string =>
  events.map((event) => (event.type === 'node.partial' && typeof event.chunk === 'string' ? event.chunk : '')).join('');

async function fakeModel(answer: (authorization: string) => string): Promise<FakeOpenAi> {
  // A pause between streamed words longer than the partials' coalescing, so each word could go out on its own.
  const openai = await startFakeOpenAi((request) => ({ content: answer(String(request.headers.authorization)), chunkDelayMs: 60 }));
  closers.push(openai);
  return openai;
}

describe("a model's answer that holds a secret or its provider's key", () => {
  it('fails a streaming LLM node whose answer holds a secret the run sent, and streams no part of it', async () => {
    const api = await startLoopbackServer(() => ({ status: 200, body: { ok: true } }));
    closers.push(api);
    const openai = await fakeModel(() => `${PREAMBLE} The password is ${SECRET} and nothing else.`);
    const served = await serveForTest({ OPERON_SECRET_TOKEN: SECRET, OPENAI_API_KEY: KEY, OPENAI_BASE_URL: openai.url });
    const run = await runOne(
      served,
      'streamed-secret',
      { type: 'core.llm', config: { prompt: 'What is the password?', stream: true } },
      { before: { type: 'core.http-request', config: { url: `${api.url}/login`, headers: { Authorization: "{{ $secret('TOKEN') }}" } } } },
    );
    expect(api.requests.map((request) => request.headers.authorization)).toEqual([SECRET]);
    expect(run.status).toBe('failed');
    expect(errorOf(run.events, 'leak')).toMatchObject({
      error: {
        code: 'OPR-190',
        message: expect.stringContaining('secret TOKEN'),
        details: { secret: 'TOKEN', field: 'its streamed output "out"' },
      },
    });
    // The answer streamed up to the secret; not even its first word went out, and watchers were told to drop the rest.
    const streamed = partials(run.events);
    expect(streamed.length).toBeGreaterThan(10);
    expect(PREAMBLE.startsWith(streamed.trim())).toBe(true);
    expect(streamed).not.toContain('sesame');
    expect(run.events.filter((event) => event.type === 'node.partial').at(-1)).toMatchObject({ chunk: null });
    expect(run.events.find((event) => event.type === 'run.finished')).toMatchObject({ outputs: {} });
    await expectNowhere(served, [SECRET, 'sesame']);
  });

  it.each([
    ['answered whole, with the response cache on', { cache: true, stream: false }, "the model's answer"],
    ['streamed', { cache: false, stream: true }, 'its streamed output "out"'],
  ])("fails an LLM node whose answer (%s) echoes its provider's key, naming the key's variable", async (_how, config, field) => {
    const openai = await fakeModel((authorization) => `${PREAMBLE} You called me with ${authorization} as your key.`);
    const served = await serveForTest({ OPENAI_API_KEY: KEY, OPENAI_BASE_URL: openai.url });
    const run = await runOne(served, 'echoed-key', { type: 'core.llm', config: { prompt: 'Which key did I use?', ...config } });
    expect(openai.requests.filter((request) => request.path.endsWith('/chat/completions'))).toHaveLength(1);
    expect(run.status).toBe('failed');
    const failure = errorOf(run.events, 'leak');
    expect(failure).toMatchObject({ error: { code: 'OPR-190', details: { secret: 'OPENAI_API_KEY', field } } });
    expect(JSON.stringify(failure)).toMatch(/OPENAI_API_KEY/);
    // The call is logged: a whole answer with the key by name (and what it cost), a stream cut off by the error.
    const call = run.events.find((event) => event.type === 'node.llm' && event.nodeId === 'leak');
    if (config.stream === true) expect(call).toMatchObject({ error: { code: 'OPR-190' } });
    else expect(call).toMatchObject({ response: { message: { content: expect.stringContaining('[secret:OPENAI_API_KEY] as your key') } } });
    expect(partials(run.events)).not.toContain('sk-');
    await expectNowhere(served, [KEY]);
  });
});
