import { z } from 'zod';
import type { LlmCallOptions, LlmResult } from '../../llm/node-llm.ts';
import type { ChatRequest } from '../../llm/types.ts';
import { defineNodeType } from '../define-node-type.ts';
import { port } from '../ports.ts';
import { buildMessages } from './llm/prompt.ts';
import { checkOutputSchema, jsonResponseFormat, structuredAnswer } from './llm/structured-output.ts';
import { checkModelChoice, ModelChoiceFields } from './model-choice.ts';
import { checkExpression, checkTemplate, type ConfigProblem } from './static-expressions.ts';

const LlmConfig = z.object({
  ...ModelChoiceFields,
  system: z
    .string()
    .default('')
    .describe('The system message: instructions for the model. {{ }} placeholders read the input ($); left out when empty.')
    .meta({ ui: 'template' }),
  prompt: z
    .string()
    .default('{{ $string($) }}')
    .describe("The user's message. {{ }} placeholders read the input ($); a value that is not text is sent as JSON.")
    .meta({ ui: 'template' }),
  history: z
    .string()
    .default('')
    .describe(
      'A JSONata expression over the input giving prior turns [{ role: "user" | "assistant", content }], sent between the system message and the prompt.',
    )
    .meta({ ui: 'expression' }),
  maxTokens: z.int().positive().optional().describe('Limit on the tokens of the answer; budgets count it as the most the answer can cost.'),
  stop: z.array(z.string().min(1)).default([]).describe('Text that ends the answer when the model writes it.'),
  seed: z.int().optional().describe('Asks the provider for repeatable sampling, where it supports it.'),
  output: z
    .enum(['text', 'json'])
    .default('text')
    .describe('text: the answer as text. json: one JSON object matching the schema, parsed (an invalid answer gets one repair request).')
    .meta({ ui: 'select' }),
  schema: z
    .record(z.string(), z.unknown())
    .default({})
    .describe('With output "json": the JSON Schema of the answer, an object schema ({ "type": "object", "properties": … }).')
    .meta({ ui: 'json-schema' }),
  stream: z.boolean().default(false).describe('Stream the answer: text arrives as partial outputs on "out" while the model writes.'),
});
type LlmConfig = z.output<typeof LlmConfig>;

function checkLlm(config: LlmConfig): ConfigProblem[] {
  const problems = checkModelChoice(config);
  problems.push(...checkTemplate('system', config.system), ...checkTemplate('prompt', config.prompt));
  if (config.history.trim() !== '') problems.push(...checkExpression('history', config.history));
  if (config.output === 'json') problems.push(...checkOutputSchema('schema', config.schema));
  return problems;
}

/**
 * Asks a model once and emits its answer on `out` (text, or the parsed object with output "json") and the
 * call's facts on `response`. Budgets, the response cache, retries, fallback models, streaming and cost are
 * the engine's (ctx.llm); this node builds the request and reads the answer.
 */
export const llm = defineNodeType({
  type: 'core.llm',
  version: 1,
  kind: 'step',
  title: 'LLM',
  category: 'AI',
  description: 'Sends a prompt to a language model and emits its answer, as text or as JSON that matches a schema.',
  icon: 'sparkles',
  summary: [
    { field: 'model', label: 'Model' },
    { field: 'prompt', format: 'code' },
  ],
  config: LlmConfig,
  inputs: { in: port('any') },
  outputs: {
    out: port('any', { description: 'The answer: text, or the parsed object with output "json".' }),
    response: port('object', {
      description: '{ model, content, finishReason, usage, costUsd, cached, callId } of the call that gave the answer.',
    }),
  },
  check: checkLlm,
  run: async (ctx) => {
    const { config } = ctx;
    const request: ChatRequest = {
      provider: config.provider,
      model: config.model,
      messages: await buildMessages(ctx, config, ctx.inputs.in),
      ...(config.temperature === undefined ? {} : { temperature: config.temperature }),
      ...(config.maxTokens === undefined ? {} : { maxTokens: config.maxTokens }),
      ...(config.stop.length === 0 ? {} : { stop: config.stop }),
      ...(config.seed === undefined ? {} : { seed: config.seed }),
      ...(config.output === 'json' ? { responseFormat: jsonResponseFormat(config.schema) } : {}),
    };
    const options: LlmCallOptions = {
      cache: config.cache,
      fallbackModels: config.fallbackModels,
      retries: config.retries,
      ...(config.stream ? { streamPort: 'out' } : {}),
    };
    const first = await ctx.llm.chat(request, options);
    if (config.output === 'json') {
      const { value, result } = await structuredAnswer(ctx, request, options, first, config.schema);
      return { out: value, response: responseOf(result) };
    }
    if (first.finishReason === 'length') ctx.log('warn', 'the answer was cut off at maxTokens', { callId: first.callId });
    return { out: first.message.content ?? '', response: responseOf(first) };
  },
});

function responseOf(result: LlmResult): Record<string, unknown> {
  const { model, finishReason, usage, costUsd, cached, callId } = result;
  return { model, content: result.message.content, finishReason, usage, costUsd, cached, callId };
}
