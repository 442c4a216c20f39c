import { z } from 'zod';
import { OperonError } from '../../../src-shared/errors/operon-error.ts';
import type { ChatResponse, ToolCall, Usage } from '../../../src-shared/llm/types.ts';
import { formatPath } from '../../../src-shared/workflow/problem-path.ts';

// The provider's answer is checked for the fields Operon reads, and only those: OpenAI-compatible servers differ in
// everything else. Usage is optional everywhere (a provider may not report it); usage that does not fit reads as null.

const UsageSchema = z
  .object({ prompt_tokens: z.number(), completion_tokens: z.number(), total_tokens: z.number().optional() })
  .nullish()
  .catch(null);

const CompletionSchema = z.object({
  model: z.string().optional(),
  choices: z
    .array(
      z.object({
        message: z.object({
          content: z.string().nullish(),
          tool_calls: z.array(z.object({ id: z.string(), function: z.object({ name: z.string(), arguments: z.string() }) })).nullish(),
        }),
        finish_reason: z.string().nullish(),
      }),
    )
    .min(1, 'the answer has no choices'),
  usage: UsageSchema,
});

const ChunkSchema = z.object({
  model: z.string().optional(),
  choices: z
    .array(
      z.object({
        index: z.number().optional(),
        delta: z
          .object({
            content: z.string().nullish(),
            tool_calls: z
              .array(
                z.object({
                  index: z.int().nonnegative(),
                  id: z.string().nullish(),
                  function: z.object({ name: z.string().nullish(), arguments: z.string().nullish() }).nullish(),
                }),
              )
              .nullish(),
          })
          .nullish(),
        finish_reason: z.string().nullish(),
      }),
    )
    .nullish(),
  usage: UsageSchema,
});

/** Reads a non-streamed answer, or OPR-122 saying what does not fit. */
export function readCompletion(raw: unknown, requestedModel: string, provider: string): ChatResponse {
  const parsed = CompletionSchema.safeParse(raw);
  if (!parsed.success) throw unreadable(provider, raw, parsed.error);
  const { model, choices, usage } = parsed.data;
  const [choice] = choices as [(typeof choices)[number]]; // min(1) above
  const toolCalls = (choice.message.tool_calls ?? []).map((call) => ({
    id: call.id,
    name: call.function.name,
    arguments: call.function.arguments,
  }));
  return {
    model: model ?? requestedModel,
    message: { role: 'assistant', content: choice.message.content ?? null, ...(toolCalls.length > 0 ? { toolCalls } : {}) },
    finishReason: choice.finish_reason ?? null,
    usage: toUsage(usage),
  };
}

/**
 * Builds one answer from streamed chunks: text deltas in order, tool calls from their indexed pieces (the id and
 * name come first, the arguments in pieces), usage from the chunk that carries it (the last, with
 * `stream_options.include_usage`), the finish reason from the last choice that gave one.
 */
export class StreamAssembler {
  readonly #requestedModel: string;
  readonly #provider: string;
  #model: string | undefined;
  #content: string[] = [];
  #sawChoice = false;
  #finishReason: string | null = null;
  #usage: Usage | null = null;
  readonly #toolCalls = new Map<number, { id: string; name: string; arguments: string }>();

  constructor(requestedModel: string, provider: string) {
    this.#requestedModel = requestedModel;
    this.#provider = provider;
  }

  /** Takes one chunk and returns its text delta ('' when it has none). OPR-122 when the chunk does not fit. */
  add(raw: unknown): string {
    const parsed = ChunkSchema.safeParse(raw);
    if (!parsed.success) throw unreadable(this.#provider, raw, parsed.error);
    const chunk = parsed.data;
    this.#model ??= chunk.model;
    if (chunk.usage != null) this.#usage = toUsage(chunk.usage);
    let text = '';
    for (const choice of chunk.choices ?? []) {
      if ((choice.index ?? 0) !== 0) continue; // Operon asks for one choice
      this.#sawChoice = true;
      if (choice.finish_reason != null) this.#finishReason = choice.finish_reason;
      if (choice.delta?.content != null) text += choice.delta.content;
      for (const piece of choice.delta?.tool_calls ?? []) {
        const call = this.#toolCalls.get(piece.index) ?? { id: '', name: '', arguments: '' };
        call.id ||= piece.id ?? '';
        call.name ||= piece.function?.name ?? '';
        call.arguments += piece.function?.arguments ?? '';
        this.#toolCalls.set(piece.index, call);
      }
    }
    if (text !== '') this.#content.push(text);
    return text;
  }

  /** The whole answer, once the stream has ended. */
  finish(): ChatResponse {
    if (!this.#sawChoice) throw new OperonError('OPR-122', `Provider "${this.#provider}" streamed no answer: the stream had no choices`);
    const toolCalls: ToolCall[] = [...this.#toolCalls.entries()]
      .sort(([a], [b]) => a - b)
      .map(([index, call]) => {
        if (call.name === '') throw new OperonError('OPR-122', `Provider "${this.#provider}" streamed tool call ${index} without a name`);
        return { id: call.id === '' ? `call_${index}` : call.id, name: call.name, arguments: call.arguments };
      });
    return {
      model: this.#model ?? this.#requestedModel,
      message: {
        role: 'assistant',
        content: this.#content.length > 0 ? this.#content.join('') : null,
        ...(toolCalls.length > 0 ? { toolCalls } : {}),
      },
      finishReason: this.#finishReason,
      usage: this.#usage,
    };
  }
}

function toUsage(usage: z.output<typeof UsageSchema>): Usage | null {
  if (usage == null) return null;
  return {
    promptTokens: usage.prompt_tokens,
    completionTokens: usage.completion_tokens,
    totalTokens: usage.total_tokens ?? usage.prompt_tokens + usage.completion_tokens,
  };
}

function unreadable(provider: string, raw: unknown, error: z.ZodError): OperonError {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    const what =
      typeof raw === 'string'
        ? `text: ${JSON.stringify(raw.slice(0, 120))}`
        : raw === undefined
          ? 'an empty body'
          : `the JSON value ${JSON.stringify(raw).slice(0, 120)}`;
    return new OperonError('OPR-122', `Provider "${provider}" did not answer with a chat completion but with ${what}`, {
      details: { provider },
    });
  }
  const problems = error.issues.slice(0, 3).map((issue) => `${formatPath(issue.path) || '(top level)'}: ${issue.message}`);
  return new OperonError(
    'OPR-122',
    `Provider "${provider}" answered with something that is not a chat completion: ${problems.join('; ')}`,
    {
      details: { provider },
    },
  );
}
