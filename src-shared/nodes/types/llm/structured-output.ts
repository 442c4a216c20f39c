import { Validator } from '@cfworker/json-schema';
import { OperonError } from '../../../errors/operon-error.ts';
import { describeTooDeep, scanJson } from '../../../limits/json-limits.ts';
import type { LlmCallOptions, LlmResult } from '../../../llm/node-llm.ts';
import type { ChatRequest, ResponseFormat } from '../../../llm/types.ts';
import type { SchemaError } from '../../../services/sandbox.ts';
import type { NodeContext } from '../../define-node-type.ts';
import type { ConfigProblem } from '../static-expressions.ts';
import { isPlainObject } from '../values.ts';

/** How many schema errors a repair request and the final error name. */
const MAX_PROBLEMS = 5;

/** Errors that only say "something below me failed"; the errors below say what. */
const WRAPPER_KEYWORDS = new Set(['properties', 'items', 'prefixItems', 'allOf', '$ref', 'false']);

/** A code fence around the whole answer: ```json … ``` (some models add one despite the response format). */
const FENCE = /^\s*```[\w-]*[^\S\n]*\n([\s\S]*?)\n?[^\S\n]*```\s*$/;

export type AnswerCheck = { ok: true; value: Record<string, unknown> } | { ok: false; problems: string[] };

/** The response format that asks the provider for JSON matching the schema. */
export function jsonResponseFormat(schema: Record<string, unknown>): ResponseFormat {
  return { type: 'json_schema', name: 'answer', schema, strict: false };
}

/** Config problems with a structured-output schema: it must be there, and be an object schema the validator can use. */
export function checkOutputSchema(path: string, schema: Record<string, unknown>): ConfigProblem[] {
  if (Object.keys(schema).length === 0) {
    return [{ path, message: 'output "json" needs a JSON Schema for the answer, e.g. { "type": "object", "properties": { … } }' }];
  }
  if (schema.type !== 'object')
    return [{ path, message: 'the schema\'s top level must be { "type": "object" }: the answer is one JSON object' }];
  try {
    new Validator(schema, '2020-12', false).validate({});
  } catch (error) {
    return [{ path, message: `the schema cannot be used: ${error instanceof Error ? error.message : String(error)}` }];
  }
  return [];
}

/**
 * Reads an answer as JSON (a fence around it is dropped), within the depth limit, and checks it with `check` (the
 * node's `checkSchema`, which takes a schema with patterns off the event loop).
 */
export async function checkAnswer(content: string | null, check: (value: unknown) => Promise<SchemaError[]>): Promise<AnswerCheck> {
  if (content === null || content.trim() === '') return { ok: false, problems: ['the answer was empty'] };
  let value: unknown;
  try {
    value = JSON.parse(FENCE.exec(content)?.[1] ?? content);
  } catch (error) {
    return { ok: false, problems: [`the answer is not valid JSON: ${error instanceof Error ? error.message : String(error)}`] };
  }
  // Before the validator (it recurses): an answer past the depth limit is refused like any other bad answer.
  const { tooDeep } = scanJson(value, { root: '$' });
  if (tooDeep !== undefined) return { ok: false, problems: [`the answer is ${describeTooDeep(tooDeep)}`] };
  const errors = await check(value);
  if (errors.length > 0) {
    const leaves = errors.filter((error) => !WRAPPER_KEYWORDS.has(error.keyword));
    const problems = (leaves.length > 0 ? leaves : errors).map((error) => `${jsonPath(error.instanceLocation)}: ${error.error}`);
    const extra = problems.length - MAX_PROBLEMS;
    return { ok: false, problems: [...problems.slice(0, MAX_PROBLEMS), ...(extra > 0 ? [`and ${extra} more`] : [])] };
  }
  if (!isPlainObject(value)) return { ok: false, problems: ['the answer must be one JSON object'] };
  return { ok: true, value };
}

/** The user turn that asks for a corrected answer, naming what was wrong. */
export function repairPrompt(problems: string[]): string {
  return [
    'Your answer does not match the required JSON schema:',
    ...problems.map((problem) => `- ${problem}`),
    'Reply with the corrected JSON object only: no explanation and no code fence.',
  ].join('\n');
}

type StructuredContext = Pick<NodeContext<unknown, unknown>, 'llm' | 'log' | 'checkSchema'>;

/**
 * Turns the first answer into the validated object. An invalid answer gets one repair call (the same
 * conversation, the bad answer, and what was wrong with it; not streamed); if that is invalid too, OPR-124. A schema
 * with patterns is checked off the event loop, and one whose pattern backtracks fails the node (OPR-223).
 * Returns the object and the call that produced it.
 */
export async function structuredAnswer(
  ctx: StructuredContext,
  request: ChatRequest,
  options: LlmCallOptions,
  first: LlmResult,
  schema: Record<string, unknown>,
): Promise<{ value: Record<string, unknown>; result: LlmResult }> {
  const check = (value: unknown): Promise<SchemaError[]> => ctx.checkSchema(schema, value, "the model's answer");
  const firstCheck = await checkAnswer(first.message.content, check);
  if (firstCheck.ok) return { value: firstCheck.value, result: first };

  ctx.log('info', `the answer does not match the schema; asking once for a corrected one: ${firstCheck.problems.join('; ')}`, {
    answer: first.message.content,
    problems: firstCheck.problems,
    callId: first.callId,
  });
  const { streamPort: _streamPort, ...repairOptions } = options;
  const repairRequest: ChatRequest = {
    ...request,
    messages: [
      ...request.messages,
      { role: 'assistant', content: first.message.content ?? '' },
      { role: 'user', content: repairPrompt(firstCheck.problems) },
    ],
  };
  const second = await ctx.llm.chat(repairRequest, repairOptions);
  const secondCheck = await checkAnswer(second.message.content, check);
  ctx.log('info', secondCheck.ok ? 'the corrected answer matches the schema' : 'the corrected answer does not match the schema either', {
    answer: second.message.content,
    ...(secondCheck.ok ? {} : { problems: secondCheck.problems }),
    callId: second.callId,
  });
  if (secondCheck.ok) return { value: secondCheck.value, result: second };

  const cutOff = second.finishReason === 'length' ? ' (the answer was cut off at maxTokens: raise it)' : '';
  throw new OperonError(
    'OPR-124',
    `the answer does not match its schema after one repair attempt${cutOff}: ${secondCheck.problems.join('; ')}`,
    {
      details: {
        problems: secondCheck.problems,
        firstProblems: firstCheck.problems,
        finishReason: second.finishReason,
        callIds: [first.callId, second.callId],
      },
    },
  );
}

/** `#/tags/0` as `$.tags[0]`, the root as `$`. */
function jsonPath(pointer: string): string {
  const segments = pointer
    .replace(/^#\/?/, '')
    .split('/')
    .filter((segment) => segment !== '');
  return segments
    .map((segment) => decodeURIComponent(segment).replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((path, segment) => (/^\d+$/.test(segment) ? `${path}[${segment}]` : `${path}.${segment}`), '$');
}
