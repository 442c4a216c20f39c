import { describe, expect, it } from 'vitest';
import { buildWorkflow } from '../../../engine/testing/build-workflow.ts';
import type { SchemaError } from '../../../services/sandbox.ts';
import { schemaErrors } from '../../../services/schema-check.ts';
import { createHarness, llmWorkflow, registry, reply } from './llm-test-harness.ts';
import { checkAnswer } from './structured-output.ts';

const SCHEMA = {
  type: 'object',
  properties: {
    route: { enum: ['billing', 'technical', 'account', 'other'] },
    priority: { enum: ['low', 'normal', 'high', 'urgent'] },
    summary: { type: 'string' },
  },
  required: ['route', 'priority', 'summary'],
  additionalProperties: false,
};
const VALID = { route: 'billing', priority: 'high', summary: 'Charged twice for March' };
const config = { output: 'json', schema: SCHEMA, prompt: 'Ticket: {{ ticket }}' };
const inputs = { ticket: 'I was charged twice in March.' };

describe('core.llm structured output', () => {
  it('asks for the schema as the response format and emits the parsed object', async () => {
    const h = createHarness([reply(JSON.stringify(VALID))]);
    const result = await h.run(llmWorkflow(config), inputs);
    expect(result.status).toBe('succeeded');
    expect(result.outputs.answer).toEqual(VALID);
    expect(h.requests).toHaveLength(1);
    expect(h.requests[0]?.responseFormat).toEqual({ type: 'json_schema', name: 'answer', schema: SCHEMA, strict: false });
    expect(result.outputs.response).toMatchObject({ content: JSON.stringify(VALID), callId: 'ask#1' });
  });

  it('accepts an answer in a ```json code fence', async () => {
    const h = createHarness([reply(`\`\`\`json\n${JSON.stringify(VALID, null, 2)}\n\`\`\``)]);
    const result = await h.run(llmWorkflow(config), inputs);
    expect(result.outputs.answer).toEqual(VALID);
    expect(h.requests).toHaveLength(1);
  });

  it('repairs an answer that misses the schema once: the bad answer goes back with what was wrong', async () => {
    const bad = JSON.stringify({ route: 'sales', priority: 'high' });
    const h = createHarness([reply(bad), reply(JSON.stringify(VALID))]);
    const result = await h.run(llmWorkflow(config), inputs);
    expect(result.status).toBe('succeeded');
    expect(result.outputs.answer).toEqual(VALID);
    expect(result.outputs.response).toMatchObject({ callId: 'ask#2' });

    const [first, second] = h.requests;
    expect(second?.responseFormat).toEqual(first?.responseFormat);
    expect(second?.messages.slice(0, -2)).toEqual(first?.messages);
    expect(second?.messages.at(-2)).toEqual({ role: 'assistant', content: bad });
    const repair = second?.messages.at(-1);
    expect(repair?.role).toBe('user');
    expect(repair?.content).toContain('$: Instance does not have required property "summary"');
    expect(repair?.content).toContain('$.route: Instance does not match any of ["billing","technical","account","other"]');
    expect(repair?.content).toContain('corrected JSON object only');

    const logs = h.of('node.log').filter((event) => event.nodeId === 'ask');
    expect(logs.map((event) => [event.level, event.data?.answer])).toEqual([
      ['info', bad],
      ['info', JSON.stringify(VALID)],
    ]);
  });

  it('repairs an answer that is not JSON, naming the parse error', async () => {
    const h = createHarness([reply('Sure! The route is billing.'), reply(JSON.stringify(VALID))]);
    const result = await h.run(llmWorkflow(config), inputs);
    expect(result.outputs.answer).toEqual(VALID);
    expect(h.requests[1]?.messages.at(-1)?.content).toMatch(
      /^Your answer does not match the required JSON schema:\n- the answer is not valid JSON: /,
    );
  });

  it('fails the run with OPR-124 naming the problems when the repair is invalid too', async () => {
    const h = createHarness([reply('{"route":"sales"}'), reply('{"route":"billing","priority":"soon","summary":"x"}'), reply('unused')]);
    const result = await h.run(llmWorkflow(config), inputs);
    expect(result.status).toBe('failed');
    expect(result.error?.code).toBe('OPR-124');
    expect(result.error?.message).toContain('$.priority: Instance does not match any of ["low","normal","high","urgent"]');
    expect(h.requests).toHaveLength(2);
  });

  it('refuses an answer nested past the depth limit, naming the limit, and fails with OPR-124 if the repair is too', async () => {
    const deep = `{"route":${'['.repeat(5000)}${']'.repeat(5000)}}`;
    const h = createHarness([reply(deep), reply(deep), reply('unused')]);
    const result = await h.run(llmWorkflow(config), inputs);
    expect(h.requests[1]?.messages.at(-1)?.content).toMatch(
      /- the answer is nested deeper than 128 levels \(the limit\) at \$\.route\[0\]/,
    );
    expect(result.status).toBe('failed');
    expect(result.error).toMatchObject({ code: 'OPR-124', message: expect.stringContaining('nested deeper than 128 levels') });
  });

  it('says when the answer was cut off at maxTokens', async () => {
    const h = createHarness([
      reply('{"route":"bil', { finishReason: 'length' }),
      reply('{"route":"billing","prio', { finishReason: 'length' }),
    ]);
    const result = await h.run(llmWorkflow({ ...config, maxTokens: 8 }), inputs);
    expect(result.error?.message).toContain('cut off at maxTokens');
  });

  it('with onError "route", sends the OPR-124 error out of the error port', async () => {
    const h = createHarness([reply('not json'), reply('still not json')]);
    const workflow = buildWorkflow(
      registry,
      [
        { id: 'start', type: 'core.manual-trigger' },
        { id: 'ask', type: 'core.llm', config, settings: { onError: 'route' } },
        { id: 'answer', type: 'core.output', config: { name: 'answer' } },
        { id: 'failed', type: 'core.output', config: { name: 'failed' } },
      ],
      ['start.out -> ask.in', 'ask.out -> answer.in', 'ask.error -> failed.in'],
    );
    const result = await h.run(workflow, inputs);
    expect(result.status).toBe('succeeded');
    expect(result.outputs).toEqual({
      failed: expect.objectContaining({
        code: 'OPR-124',
        nodeId: 'ask',
        message: expect.stringContaining('not valid JSON') as string,
      }) as object,
    });
  });
});

describe('checkAnswer', () => {
  const schema = {
    type: 'object',
    properties: { tags: { type: 'array', items: { type: 'string' } }, n: { type: 'number' } },
    additionalProperties: false,
  };
  const validator = (value: unknown): Promise<SchemaError[]> => Promise.resolve(schemaErrors(schema, value));

  it('names each problem at its path, without the "a property failed" wrappers', async () => {
    expect(await checkAnswer('{"tags":["a",2],"n":"x","extra":1}', validator)).toEqual({
      ok: false,
      problems: [
        '$.tags[1]: Instance type "number" is invalid. Expected "string".',
        '$.n: Instance type "string" is invalid. Expected "number".',
        '$: Property "extra" does not match additional properties schema.',
      ],
    });
  });

  it('names at most five problems', async () => {
    const check = await checkAnswer(JSON.stringify({ tags: [1, 2, 3, 4, 5, 6, 7] }), validator);
    expect(check.ok ? [] : check.problems).toEqual([
      '$.tags[0]: Instance type "number" is invalid. Expected "string".',
      '$.tags[1]: Instance type "number" is invalid. Expected "string".',
      '$.tags[2]: Instance type "number" is invalid. Expected "string".',
      '$.tags[3]: Instance type "number" is invalid. Expected "string".',
      '$.tags[4]: Instance type "number" is invalid. Expected "string".',
      'and 2 more',
    ]);
  });

  it('strips a fence with or without a language, but not text around the JSON', async () => {
    expect(await checkAnswer('```\n{"n":1}\n```', validator)).toEqual({ ok: true, value: { n: 1 } });
    expect(await checkAnswer('  ```json\n{"n":2}```  ', validator)).toEqual({ ok: true, value: { n: 2 } });
    expect((await checkAnswer('Here it is: {"n":1}', validator)).ok).toBe(false);
    expect(await checkAnswer(null, validator)).toEqual({ ok: false, problems: ['the answer was empty'] });
  });
});
