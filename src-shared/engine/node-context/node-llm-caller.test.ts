import { beforeEach, describe, expect, it } from 'vitest';
import { OperonError } from '../../errors/operon-error.ts';
import type { ChatResponse, PriceTable } from '../../llm/types.ts';
import { createRegistry } from '../../nodes/registry.ts';
import type { RunRequest } from '../api.ts';
import { createEngine } from '../engine.ts';
import type { EngineEvent, EventOf } from '../events.ts';
import { buildWorkflow } from '../testing/build-workflow.ts';
import { createMemoryServices, createScriptedTransport, type MemoryServices } from '../testing/memory-services.ts';
import { testNodeTypes } from '../testing/test-node-types.ts';

const registry = createRegistry(testNodeTypes);
const prices: PriceTable = { currency: 'USD', models: { 'gpt-4o-mini': { inputPerMTok: 0.15, outputPerMTok: 0.6 } } };
const answer = (content: string, model = 'gpt-4o-mini', tokens = [100, 50]): ChatResponse => ({
  model,
  message: { role: 'assistant', content },
  finishReason: 'stop',
  usage: { promptTokens: tokens[0]!, completionTokens: tokens[1]!, totalTokens: tokens[0]! + tokens[1]! },
});
const failure = (status: number, retryAfterMs?: number) =>
  new OperonError('OPR-121', `provider said ${status}`, {
    retryable: status === 429 || status >= 500,
    details: { status, ...(retryAfterMs === undefined ? {} : { retryAfterMs }) },
  });

let services: MemoryServices;
let transport: ReturnType<typeof createScriptedTransport>;
let events: EngineEvent[];

beforeEach(() => {
  transport = createScriptedTransport();
  services = createMemoryServices({ llm: transport, prices });
  events = [];
});

function run(workflow: ReturnType<typeof buildWorkflow>, extra: Partial<RunRequest> = {}) {
  return createEngine({ registry, services }).run({
    workflow,
    inputs: {},
    trigger: { type: 'test' },
    onEvent: (e) => events.push(e),
    ...extra,
  }).result;
}
const llmEvents = () => events.filter((e): e is EventOf<'node.llm'> => e.type === 'node.llm');
const ask = (config: Record<string, unknown> = {}, settings: Record<string, unknown> = {}) =>
  buildWorkflow(registry, [{ id: 'ask', type: 'test.ask', config }], [], settings);

describe('model calls from a node', () => {
  it('logs the call with tokens and cost, and adds them to the run totals', async () => {
    transport.replies.push(answer('hi'));
    const result = await run(ask());
    expect(result.status).toBe('succeeded');
    expect(llmEvents()).toEqual([
      expect.objectContaining({
        nodeId: 'ask',
        callId: 'ask#1',
        model: 'gpt-4o-mini',
        attempt: 1,
        cached: false,
        costUsd: (100 * 0.15 + 50 * 0.6) / 1e6,
      }),
    ]);
    expect(llmEvents()[0]?.request).toEqual({ messages: [{ role: 'user', content: 'hello' }] });
    expect(result.totals.llm).toEqual({
      calls: 1,
      cachedCalls: 0,
      tokens: { promptTokens: 100, completionTokens: 50, totalTokens: 150 },
      costUsd: 0.000045,
      unpricedCalls: 0,
    });
  });

  it('waits as long as Retry-After asks, then succeeds; a model with no price is counted, cost unknown', async () => {
    transport.replies.push(failure(429, 7_000), failure(500), answer('ok', 'local-llama'));
    const result = await run(ask({ model: 'local-llama' }));
    expect(result.status).toBe('succeeded');
    expect(services.clock.sleeps[0]).toBe(7_000);
    expect(llmEvents().map((e) => [e.attempt, e.error?.code ?? 'ok'])).toEqual([
      [1, 'OPR-121'],
      [2, 'OPR-121'],
      [3, 'ok'],
    ]);
    expect(result.totals.llm).toMatchObject({ calls: 3, costUsd: 0, unpricedCalls: 1 });
  });

  it('falls back to the next model when retries run out, and stops at once on an error that is not retryable', async () => {
    transport.replies.push(failure(503), failure(503), answer('from b', 'model-b'));
    expect((await run(ask({ model: 'model-a', fallbackModels: ['model-b'], retries: 1 }))).status).toBe('succeeded');
    expect(transport.requests.map((r) => r.model)).toEqual(['model-a', 'model-a', 'model-b']);
    transport.requests.length = 0;
    transport.replies.push(failure(400));
    const failed = await run(ask({ model: 'model-a', retries: 3 }));
    expect(failed.error).toMatchObject({ code: 'OPR-121', message: 'provider said 400' });
    expect(transport.requests).toHaveLength(1);
  });

  it('refuses a call that would pass the run budget before sending it', async () => {
    const result = await run(ask({ maxTokens: 1_000 }, { budgets: { maxCostUsd: 0.0001 } }));
    expect(result.error).toMatchObject({ code: 'OPR-123', message: expect.stringContaining("run's budget of $0.0001") });
    expect(transport.requests).toHaveLength(0);
  });

  it('refuses a call that would pass the workspace budget', async () => {
    services = createMemoryServices({ llm: transport, prices, workspaceBudgetUsd: 0.00001 });
    await services.spend.record(0.00001);
    const result = await run(ask());
    expect(result.error).toMatchObject({ code: 'OPR-123', message: expect.stringContaining('workspace budget') });
    expect(transport.requests).toHaveLength(0);
  });

  it('reuses a cached answer across runs and sends identical calls in flight once', async () => {
    transport.replies.push((request) => answer(`answer to ${String(request.messages[0]?.content)}`));
    const twice = buildWorkflow(
      registry,
      [
        { id: 'a', type: 'test.ask', config: { cache: true } },
        { id: 'b', type: 'test.ask', config: { cache: true } },
      ],
      [],
    );
    const first = await run(twice);
    expect(first.error).toBeUndefined();
    expect(first.status).toBe('succeeded');
    expect(transport.requests).toHaveLength(1);
    events = [];
    await run(twice);
    expect(transport.requests).toHaveLength(1);
    expect(llmEvents().every((e) => e.cached)).toBe(true);
  });

  it('streams coalesced partial outputs whose chunks join to the answer', async () => {
    transport.replies.push(answer('one two three four'));
    await run(ask({ stream: true }));
    const chunks = events.filter((e) => e.type === 'node.partial').map((e) => (e as { chunk: string }).chunk);
    expect(chunks.join('')).toBe('one two three four');
    expect(chunks.length).toBeLessThan(4);
  });

  it("fails a call whose answer echoes the provider's key, naming its variable, with the answer logged without it", async () => {
    const key = 'sk-test-key-0123456789';
    for (const stream of [false, true]) {
      events = [];
      transport.replies.push((_request, options) => {
        options.onKey?.('OPENAI_API_KEY', key);
        return answer(`you called me with ${key}, as it happens`);
      });
      const result = await run(ask({ stream }));
      expect(result.status).toBe('failed');
      expect(result.error).toMatchObject({
        code: 'OPR-190',
        details: { secret: 'OPENAI_API_KEY', field: stream ? 'its streamed output "out"' : "the model's answer" },
      });
      expect(JSON.stringify(events)).not.toContain(key);
      expect(JSON.stringify(events)).toContain(stream ? 'OPENAI_API_KEY' : 'you called me with [secret:OPENAI_API_KEY]');
    }
    // Not the provider's failure: never tried again.
    expect(transport.requests).toHaveLength(2);
  });

  it('keeps the run totals across a resume', async () => {
    transport.replies.push(answer('before'));
    const wf = buildWorkflow(
      registry,
      [
        { id: 'ask', type: 'test.ask' },
        { id: 'gate', type: 'test.gate' },
      ],
      ['ask.out -> gate.in'],
    );
    const waiting = await run(wf);
    const logged = [...events];
    events = [];
    const done = await run(wf, {
      runId: waiting.runId,
      resume: { events: logged, decisions: [{ nodeId: 'gate', decision: { decision: 'approved', by: 'x', at: 1 } }] },
    });
    expect(done.totals.llm).toMatchObject({ calls: 1, tokens: { totalTokens: 150 } });
  });
});

describe('the run-level cache', () => {
  it('also reuses model answers when the run turns the cache on', async () => {
    transport.replies.push(answer('once'));
    await run(ask(), { cache: true });
    events = [];
    const second = await run(ask(), { cache: true });
    expect(second.status).toBe('succeeded');
    expect(transport.requests).toHaveLength(1);
  });
});

describe('giving up', () => {
  it('gives up once: node retries do not multiply the model retries', async () => {
    transport.replies.push(failure(503), failure(503), failure(503), failure(503));
    const result = await run(ask({ retries: 1 }, {}), {});
    expect(result.error).toMatchObject({ code: 'OPR-121', retryable: false });
    const withNodeRetries = buildWorkflow(
      registry,
      [{ id: 'ask', type: 'test.ask', config: { retries: 1 }, settings: { retries: 2 } }],
      [],
    );
    transport.requests.length = 0;
    transport.replies.push(failure(503), failure(503), failure(503));
    await run(withNodeRetries);
    expect(transport.requests).toHaveLength(2);
  });

  it('falls back on "no such model" (404) but not on other refusals', async () => {
    transport.replies.push(failure(404), answer('from b', 'model-b'));
    expect((await run(ask({ model: 'model-a', fallbackModels: ['model-b'] }))).status).toBe('succeeded');
    transport.requests.length = 0;
    transport.replies.push(failure(401));
    expect((await run(ask({ model: 'model-a', fallbackModels: ['model-b'] }))).error?.code).toBe('OPR-121');
    expect(transport.requests.map((r) => r.model)).toEqual(['model-a']);
  });

  it('withdraws what a failed attempt streamed before the retry streams again', async () => {
    transport.replies.push((_request, options) => {
      options.onDelta?.('Half an ans');
      return failure(503);
    }, answer('The answer.'));
    await run(ask({ stream: true }));
    const chunks = events.filter((e) => e.type === 'node.partial').map((e) => (e as { chunk: string | null }).chunk);
    const shown = chunks.reduce<string>((text, chunk) => (chunk === null ? '' : text + chunk), '');
    // Either the failed text was still buffered (never shown) or it was shown and then withdrawn with a null chunk.
    expect(shown).toBe('The answer.');
  });

  it('numbers calls per node across a resume, so call ids never repeat in a run', async () => {
    transport.replies.push(answer('one'), answer('two'));
    const wf = buildWorkflow(
      registry,
      [
        { id: 'ask', type: 'test.ask' },
        { id: 'gate', type: 'test.gate' },
        { id: 'again', type: 'test.ask' },
      ],
      ['ask.out -> gate.in', 'gate.approved -> again.in'],
    );
    const waiting = await run(wf);
    const logged = [...events];
    await run(wf, {
      runId: waiting.runId,
      resume: { events: logged, decisions: [{ nodeId: 'gate', decision: { decision: 'approved', by: 'x', at: 1 } }] },
    });
    const ids = llmEvents().map((e) => e.callId);
    expect(ids).toEqual(['ask#1', 'again#1']);
  });
});
