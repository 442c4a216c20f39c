/**
 * What the fake OpenAI server answers, as plain data: the reply kinds a test queues, and the JSON bodies and stream
 * chunks built from them, shaped like OpenAI's own (ids, `object`, `created`, `usage: null` on stream chunks…).
 */

/** Token counts, in OpenAI's field names. `null` in a reply means: report no usage. */
export interface FakeUsage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens?: number;
}

export interface FakeToolCall {
  name: string;
  /** The arguments: a string is sent as it is (it may be invalid JSON on purpose), an object as its JSON. */
  arguments: string | Record<string, unknown>;
  /** Default `call_<request number>_<index>`. */
  id?: string;
}

/**
 * One answer of the fake server. Which kind it is depends on the keys it has:
 * - `{ content }`: a chat answer (streamed word by word when the request says `stream: true`);
 * - `{ toolCalls, content? }`: a chat answer calling tools (arguments streamed in 8-character pieces);
 * - `{ status, body?, headers? }`: an error status, e.g. 429 with `{ 'retry-after': '1' }` (default body: an OpenAI error);
 * - `{ delayMs, then }`: waits, then answers `then` (gives up quietly when the client disconnects first);
 * - `{ raw, status?, headers? }`: this exact body text, as `application/json` unless headers say otherwise;
 * - `{ embedding }`: the vectors for `POST /v1/embeddings`, one per input.
 * Chat answers may also set `usage` (default: characters / 4, see {@link estimateUsage}), `finishReason`, `model`,
 * and `chunkDelayMs`, a pause before each streamed chunk after the first.
 */
export type FakeReply =
  | ({ content: string } & ChatExtras)
  | ({ toolCalls: FakeToolCall[]; content?: string } & ChatExtras)
  | { status: number; body?: unknown; headers?: Record<string, string> }
  | { delayMs: number; then: FakeReply }
  | { raw: string; status?: number; headers?: Record<string, string> }
  | { embedding: number[][] };

interface ChatExtras {
  usage?: FakeUsage | null;
  finishReason?: string;
  model?: string;
  chunkDelayMs?: number;
}

export type ChatReply = Extract<FakeReply, { content: string }> | Extract<FakeReply, { toolCalls: FakeToolCall[] }>;

/** A fixed creation time, so answers are the same on every run. */
const CREATED = 1_700_000_000;

/**
 * The default usage: prompt tokens are the characters of all message contents / 4, completion tokens the characters
 * of the answer (its text, tool names and arguments) / 4, each rounded up.
 */
export function estimateUsage(body: Record<string, unknown>, reply: ChatReply): Required<FakeUsage> {
  const messages = Array.isArray(body.messages) ? (body.messages as unknown[]) : [];
  const promptChars = messages.reduce<number>((sum, message) => sum + textOf((message as { content?: unknown }).content).length, 0);
  const calls = 'toolCalls' in reply ? reply.toolCalls : [];
  const answerChars = (reply.content ?? '').length + calls.reduce((sum, call) => sum + call.name.length + argumentsOf(call).length, 0);
  const prompt = Math.ceil(promptChars / 4);
  const completion = Math.ceil(answerChars / 4);
  return { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion };
}

/** The `chat.completion` body for a non-streamed answer. */
export function completionBody(body: Record<string, unknown>, reply: ChatReply, requestNumber: number): Record<string, unknown> {
  const calls = toolCallsOf(reply, requestNumber);
  const usage = usageOf(body, reply);
  return {
    id: `chatcmpl-fake-${requestNumber}`,
    object: 'chat.completion',
    created: CREATED,
    model: modelOf(body, reply),
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content: reply.content ?? null, refusal: null, ...(calls.length > 0 ? { tool_calls: calls } : {}) },
        logprobs: null,
        finish_reason: finishReasonOf(reply),
      },
    ],
    ...(usage === null ? {} : { usage }),
  };
}

/**
 * The `chat.completion.chunk`s of a streamed answer, in order: the role (with empty content, as OpenAI sends it),
 * the text word by word, each tool call's id and name and then its arguments in pieces, the finish reason, and a
 * last chunk with no choices and the usage when the request asked for it (`stream_options.include_usage`).
 */
export function completionChunks(body: Record<string, unknown>, reply: ChatReply, requestNumber: number): Record<string, unknown>[] {
  const includeUsage = (body.stream_options as { include_usage?: unknown } | undefined)?.include_usage === true;
  const chunk = (choices: unknown[], usage: unknown = null): Record<string, unknown> => ({
    id: `chatcmpl-fake-${requestNumber}`,
    object: 'chat.completion.chunk',
    created: CREATED,
    model: modelOf(body, reply),
    choices,
    ...(includeUsage ? { usage } : {}),
  });
  const delta = (fields: Record<string, unknown>, finishReason: string | null = null): Record<string, unknown> =>
    chunk([{ index: 0, delta: fields, logprobs: null, finish_reason: finishReason }]);

  const chunks = [delta({ role: 'assistant', content: '', refusal: null })];
  for (const word of (reply.content ?? '').match(/\s*\S+|\s+$/g) ?? []) chunks.push(delta({ content: word }));
  toolCallsOf(reply, requestNumber).forEach((call, index) => {
    chunks.push(delta({ tool_calls: [{ index, id: call.id, type: 'function', function: { name: call.function.name, arguments: '' } }] }));
    for (const piece of call.function.arguments.match(/[\s\S]{1,8}/g) ?? []) {
      chunks.push(delta({ tool_calls: [{ index, function: { arguments: piece } }] }));
    }
  });
  chunks.push(delta({}, finishReasonOf(reply)));
  const usage = usageOf(body, reply);
  if (includeUsage && usage !== null) chunks.push(chunk([], usage));
  return chunks;
}

/** The `POST /v1/embeddings` body: float arrays, or base64 of little-endian float32 unless `encoding_format` is `float`. */
export function embeddingsBody(body: Record<string, unknown>, vectors: number[][] | undefined): Record<string, unknown> {
  const inputs = typeof body.input === 'string' ? [body.input] : Array.isArray(body.input) ? body.input.map((input) => textOf(input)) : [];
  const chosen = vectors ?? inputs.map(letterEmbedding);
  const base64 = body.encoding_format !== 'float';
  const tokens = Math.ceil(inputs.reduce((sum, input) => sum + input.length, 0) / 4);
  return {
    object: 'list',
    data: chosen.map((vector, index) => ({
      object: 'embedding',
      index,
      embedding: base64 ? Buffer.from(new Float32Array(vector).buffer).toString('base64') : vector,
    })),
    model: typeof body.model === 'string' ? body.model : 'fake-embedding',
    usage: { prompt_tokens: tokens, total_tokens: tokens },
  };
}

/**
 * The default embedding: how often each letter a-z occurs, plus a constant 27th dimension (so no vector is zero),
 * scaled to length 1. Texts that share words land close together, which is enough to test ranking.
 */
export function letterEmbedding(text: string): number[] {
  const counts = new Array<number>(27).fill(0);
  counts[26] = 1;
  for (const char of text.toLowerCase()) {
    const code = char.charCodeAt(0) - 97;
    if (code >= 0 && code < 26) counts[code] = (counts[code] ?? 0) + 1;
  }
  const length = Math.hypot(...counts);
  return counts.map((count) => count / length);
}

/** An OpenAI-style error body. */
export function errorBody(status: number, message = `fake error ${status}`): Record<string, unknown> {
  const type = status === 429 ? 'rate_limit_error' : status >= 500 ? 'server_error' : 'invalid_request_error';
  return { error: { message, type, param: null, code: null } };
}

/** The `GET /v1/models` body. */
export function modelsBody(): Record<string, unknown> {
  return { object: 'list', data: [{ id: 'fake-model', object: 'model', created: CREATED, owned_by: 'operon-fake' }] };
}

function toolCallsOf(reply: ChatReply, requestNumber: number) {
  if (!('toolCalls' in reply)) return [];
  return reply.toolCalls.map((call, index) => ({
    id: call.id ?? `call_${requestNumber}_${index}`,
    type: 'function' as const,
    function: { name: call.name, arguments: argumentsOf(call) },
  }));
}

function argumentsOf(call: FakeToolCall): string {
  return typeof call.arguments === 'string' ? call.arguments : JSON.stringify(call.arguments);
}

function usageOf(body: Record<string, unknown>, reply: ChatReply): FakeUsage | null {
  if (reply.usage === null) return null;
  return reply.usage ?? estimateUsage(body, reply);
}

function modelOf(body: Record<string, unknown>, reply: ChatReply): string {
  return reply.model ?? (typeof body.model === 'string' ? body.model : 'fake-model');
}

function finishReasonOf(reply: ChatReply): string {
  return reply.finishReason ?? ('toolCalls' in reply ? 'tool_calls' : 'stop');
}

/** The text of a message content: a string, or the text parts of an array of parts. */
function textOf(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content.map((part) => ((part as { text?: unknown }).text === undefined ? '' : String((part as { text?: unknown }).text))).join('');
}
