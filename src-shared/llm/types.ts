/**
 * The model-call contract shared by LLM and Agent nodes, the engine's call layer (cache, budgets, retries,
 * fallback models, cost) and the Node transport that speaks the OpenAI API through the `openai` SDK.
 * Everything here is data: it is logged, cached and sent across processes.
 */

export interface ToolCall {
  id: string;
  name: string;
  /** The arguments exactly as the model wrote them (JSON text, possibly invalid). */
  arguments: string;
}

export type ChatMessage =
  | { role: 'system'; content: string }
  | { role: 'user'; content: string }
  | { role: 'assistant'; content: string | null; toolCalls?: ToolCall[] }
  | { role: 'tool'; toolCallId: string; content: string };

/** A tool the model may call: its arguments are described by a JSON Schema. */
export interface ToolSpec {
  name: string;
  description: string;
  parameters: Record<string, unknown>;
}

export type ResponseFormat =
  { type: 'text' } | { type: 'json_object' } | { type: 'json_schema'; name: string; schema: Record<string, unknown>; strict?: boolean };

export interface ChatRequest {
  /** The provider's name, as configured for the workspace (e.g. `openai`, `ollama`). */
  provider: string;
  model: string;
  messages: ChatMessage[];
  tools?: ToolSpec[];
  temperature?: number;
  maxTokens?: number;
  stop?: string[];
  seed?: number;
  responseFormat?: ResponseFormat;
}

export interface Usage {
  promptTokens: number;
  completionTokens: number;
  totalTokens: number;
}

export interface ChatResponse {
  /** The model that answered (providers may report a more exact name than was asked for). */
  model: string;
  message: { role: 'assistant'; content: string | null; toolCalls?: ToolCall[] };
  finishReason: string | null;
  /** Null when the provider did not report usage. */
  usage: Usage | null;
}

export interface ChatOptions {
  signal: AbortSignal;
  /** When given, the answer is streamed and each text delta is passed here as it arrives. */
  onDelta?: (text: string) => void;
  /**
   * Told the provider's key before the request is sent: the name of its environment variable or secret, and its value,
   * so the caller can keep it out of what it hands on (an answer that echoes it fails the node, OPR-190).
   */
  onKey?: (name: string, value: string) => void;
}

/**
 * The raw transport to a model provider: one request, one answer, no retries of its own.
 * Errors are OperonErrors: OPR-120 (no such provider), OPR-121 (the provider refused or failed; `retryable`
 * for 408/409/429/5xx, timeouts and connection errors, with `details.retryAfterMs` when the provider said),
 * OPR-122 (the answer could not be read).
 */
export interface LlmTransport {
  chat(request: ChatRequest, options: ChatOptions): Promise<ChatResponse>;
  /** The configured provider names, for messages and the editor. */
  providers(): string[];
}

/** Prices per million tokens, by model name; `resources/prices.json` holds the editable table. */
export interface PriceTable {
  currency: 'USD';
  models: Record<string, { inputPerMTok: number; outputPerMTok: number }>;
}

/** Cost in USD of one call, or null when the model has no price. Longest matching prefix wins (`gpt-4o-mini-2024…`). */
export function costOf(prices: PriceTable, model: string, usage: Usage | null): number | null {
  if (usage === null) return null;
  let best: { inputPerMTok: number; outputPerMTok: number } | undefined;
  let bestLength = -1;
  for (const [name, price] of Object.entries(prices.models)) {
    if ((model === name || model.startsWith(`${name}-`) || model.startsWith(`${name}:`)) && name.length > bestLength) {
      best = price;
      bestLength = name.length;
    }
  }
  if (best === undefined) return null;
  return (usage.promptTokens * best.inputPerMTok + usage.completionTokens * best.outputPerMTok) / 1_000_000;
}
