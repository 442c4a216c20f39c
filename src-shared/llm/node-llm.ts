import type { ChatRequest, ChatResponse } from './types.ts';

/** Options of one model call from a node. */
export interface LlmCallOptions {
  /**
   * Reuse a recorded answer to the same request (model, messages, tools, parameters); identical calls in flight share
   * one request. Also on when the run or the workflow turns the cache on.
   */
  cache?: boolean;
  /** Models to try, in order, when the first keeps failing (same provider). */
  fallbackModels?: string[];
  /** Retries of retryable errors per model (default 2), with backoff that honours Retry-After. */
  retries?: number;
  /** Stream the answer: text deltas go out as partial outputs on this port. */
  streamPort?: string;
}

/** One answer with what it cost. */
export interface LlmResult extends ChatResponse {
  callId: string;
  costUsd: number | null;
  cached: boolean;
}

/** What a node has used so far in this run. */
export interface LlmSpend {
  calls: number;
  tokens: number;
  costUsd: number;
}

/**
 * Model calls as a node makes them: through the run's budget, the response cache, retries and fallback
 * models; every call (and cache hit) is logged as a `node.llm` event with its tokens and cost.
 */
export interface NodeLlm {
  chat(request: ChatRequest, options?: LlmCallOptions): Promise<LlmResult>;
  /**
   * What this node has spent in this run, for its own guards (an agent's maxTokens and maxCostUsd): every attempt,
   * and before a pause too when the run resumes (rebuilt from the logged calls). Cache hits cost nothing.
   */
  spent(): LlmSpend;
}
