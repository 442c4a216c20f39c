import { describe, expect, it } from 'vitest';
import { addLlmCall, emptyLlmTotals } from '../../../src-shared/engine/llm-totals.ts';
import { runTotalsLabel } from './run-totals-label.ts';

const usage = (promptTokens: number, completionTokens: number) => ({
  promptTokens,
  completionTokens,
  totalTokens: promptTokens + completionTokens,
});

describe('runTotalsLabel', () => {
  it('says nothing before the first model call', () => {
    expect(runTotalsLabel(emptyLlmTotals())).toBeUndefined();
  });

  it('adds up calls, tokens and cost, with plurals', () => {
    const totals = emptyLlmTotals();
    addLlmCall(totals, { cached: false, usage: usage(1000, 240), costUsd: 0.0003 });
    expect(runTotalsLabel(totals)).toEqual({
      text: '1 model call · 1,240 tokens',
      cost: '$0.00030',
      detail: '1,000 prompt and 240 completion tokens',
    });
    addLlmCall(totals, { cached: false, usage: usage(1, 0), costUsd: 0.02 });
    addLlmCall(totals, { cached: true, usage: null, costUsd: null });
    const label = runTotalsLabel(totals);
    expect(label?.text).toBe('2 model calls · 1,241 tokens');
    expect(label?.cost).toBe('$0.02');
    expect(label?.detail).toBe('1,001 prompt and 240 completion tokens; 1 answer from the cache (no tokens, no cost)');
  });

  it('says which calls had no price', () => {
    const totals = emptyLlmTotals();
    addLlmCall(totals, { cached: false, usage: usage(10, 5), costUsd: null });
    expect(runTotalsLabel(totals)?.cost).toBe('no price');
    addLlmCall(totals, { cached: false, usage: usage(10, 5), costUsd: 0.5 });
    expect(runTotalsLabel(totals)?.cost).toBe('$0.50 + 1 call without a price');
  });
});
