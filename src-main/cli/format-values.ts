import type { RunTotals } from '../../src-shared/engine/events.ts';
import { formatBytes, isValueRef } from '../../src-shared/run-log/value-ref.ts';

/** A value on one line, cut at `max` characters; a stored large value shows as its size and file. */
export function inline(value: unknown, max = 100): string {
  if (isValueRef(value)) return `‹${formatBytes(value.bytes)} in ${value.$ref}›`;
  const text =
    JSON.stringify(value, (_key, item: unknown) => (isValueRef(item) ? `‹${formatBytes(item.bytes)} in ${item.$ref}›` : item)) ??
    'undefined';
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

export function formatDuration(ms: number | undefined): string {
  if (ms === undefined) return '-';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  return `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
}

export function formatTime(ts: number): string {
  return new Date(ts)
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d+Z$/, 'Z');
}

/** Model use in one line: `3 model calls (1 cached) · 1,234 tokens (1,000 in, 234 out) · $0.0012`. */
export function formatLlmTotals(llm: RunTotals['llm']): string | undefined {
  if (llm === undefined) return undefined;
  const cached = llm.cachedCalls > 0 ? ` (${llm.cachedCalls} cached)` : '';
  const tokens = `${llm.tokens.totalTokens.toLocaleString('en-US')} tokens (${llm.tokens.promptTokens.toLocaleString('en-US')} in, ${llm.tokens.completionTokens.toLocaleString('en-US')} out)`;
  const unknown =
    llm.unpricedCalls > 0 ? ` + unknown for ${llm.unpricedCalls} call${llm.unpricedCalls === 1 ? '' : 's'} with no price` : '';
  return `${llm.calls} model call${llm.calls === 1 ? '' : 's'}${cached} · ${tokens} · ${formatUsd(llm.costUsd)}${unknown}`;
}

export function formatUsd(usd: number | null): string {
  if (usd === null) return 'cost unknown';
  return usd === 0 ? '$0' : usd < 0.01 ? `$${usd.toFixed(6)}` : `$${usd.toFixed(4)}`;
}
