import type { EngineEvent, RunTotals } from './events.ts';

export type LlmTotals = NonNullable<RunTotals['llm']>;

export function emptyLlmTotals(): LlmTotals {
  return { calls: 0, cachedCalls: 0, tokens: { promptTokens: 0, completionTokens: 0, totalTokens: 0 }, costUsd: 0, unpricedCalls: 0 };
}

/** Adds one `node.llm` event to the run's totals (cache hits count as cached calls, with no tokens or cost). */
export function addLlmCall(
  totals: LlmTotals,
  event: Pick<Extract<EngineEvent, { type: 'node.llm' }>, 'cached' | 'usage' | 'costUsd'>,
): void {
  if (event.cached) {
    totals.cachedCalls++;
    return;
  }
  totals.calls++;
  if (event.usage !== null) {
    totals.tokens.promptTokens += event.usage.promptTokens;
    totals.tokens.completionTokens += event.usage.completionTokens;
    totals.tokens.totalTokens += event.usage.totalTokens;
  }
  if (event.costUsd === null) {
    if (event.usage !== null) totals.unpricedCalls++;
  } else {
    totals.costUsd += event.costUsd;
  }
}
