import type { LlmTotals } from '../../../src-shared/engine/llm-totals.ts';
import { formatCost } from '../../kit/run-labels.ts';

/** What the Run panel says about a run's model use so far: undefined before its first model call. */
export interface RunTotalsLabel {
  /** `2 model calls · 1,240 tokens`. */
  text: string;
  /** `$0.0042`, or `$0.0042 + 1 call without a price`, or `no price` when no call had one. */
  cost: string;
  /** Prompt and completion tokens, and cached calls, for the tooltip. */
  detail: string;
}

const count = (n: number, one: string, many: string) => `${n.toLocaleString('en')} ${n === 1 ? one : many}`;

export function runTotalsLabel(llm: LlmTotals): RunTotalsLabel | undefined {
  if (llm.calls === 0 && llm.cachedCalls === 0) return undefined;
  const calls = count(llm.calls, 'model call', 'model calls');
  const text = `${calls} · ${count(llm.tokens.totalTokens, 'token', 'tokens')}`;
  const priced = llm.calls - llm.unpricedCalls;
  const unpriced = llm.unpricedCalls > 0 ? ` + ${count(llm.unpricedCalls, 'call', 'calls')} without a price` : '';
  const cost = priced === 0 && llm.unpricedCalls > 0 ? formatCost(null) : `${formatCost(llm.costUsd)}${unpriced}`;
  const tokens = `${llm.tokens.promptTokens.toLocaleString('en')} prompt and ${llm.tokens.completionTokens.toLocaleString('en')} completion tokens`;
  const cached = llm.cachedCalls > 0 ? `; ${count(llm.cachedCalls, 'answer', 'answers')} from the cache (no tokens, no cost)` : '';
  return { text, cost, detail: `${tokens}${cached}` };
}
