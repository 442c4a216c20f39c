import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { builtinNodeTypes } from './builtin.ts';
import { formatMs, summarize, SUMMARY_MAX_CHARS } from './summary.ts';

describe('summarize', () => {
  it('shows the first non-blank line of a text field, with its label', () => {
    const lines = summarize([{ field: 'prompt', label: 'Prompt' }], { prompt: '\n  Classify this ticket:\n{{ body }}' });
    expect(lines).toEqual([{ label: 'Prompt', text: 'Classify this ticket:', code: false }]);
  });

  it('joins several fields with a space, and marks code', () => {
    expect(summarize([{ field: ['method', 'url'], format: 'code' }], { method: 'POST', url: 'https://x.test/a' })).toEqual([
      { text: 'POST https://x.test/a', code: true },
    ]);
  });

  it('lists items by name', () => {
    const routes = [{ name: 'billing', expression: 'a' }, { name: 'bug', expression: 'b' }, 'plain'];
    expect(summarize([{ field: 'routes', format: 'names' }], { routes })[0]?.text).toBe('billing, bug, plain');
  });

  it('leaves out empty values and unknown fields', () => {
    expect(summarize([{ field: 'url' }, { field: 'missing' }, { field: 'routes', format: 'names' }], { url: '  ', routes: [] })).toEqual(
      [],
    );
    expect(summarize(undefined, { url: 'x' })).toEqual([]);
  });

  it('clips long values', () => {
    const text = summarize([{ field: 'prompt' }], { prompt: 'x'.repeat(500) })[0]?.text ?? '';
    expect(text).toHaveLength(SUMMARY_MAX_CHARS);
    expect(text.endsWith('…')).toBe(true);
  });

  it('formats durations', () => {
    expect(summarize([{ field: 'ms', format: 'duration' }], { ms: 1500 })[0]?.text).toBe('1.5 s');
    expect(formatMs(250)).toBe('250 ms');
    expect(formatMs(120_000)).toBe('2 min');
    expect(formatMs(5_400_000)).toBe('1.5 h');
  });
});

describe('the built-in node types declare their summaries', () => {
  const withSummary = builtinNodeTypes.filter(
    (nodeType) => nodeType.type !== 'core.manual-trigger' && nodeType.type !== 'core.error-trigger',
  );

  it.each(withSummary.map((nodeType) => [nodeType.type, nodeType] as const))('%s names real config fields', (_id, nodeType) => {
    expect(nodeType.summary.length).toBeGreaterThan(0);
    const shape = (nodeType.config as z.ZodObject).shape;
    for (const line of nodeType.summary) {
      for (const field of typeof line.field === 'string' ? [line.field] : line.field) expect(Object.keys(shape)).toContain(field);
    }
  });

  it('shows the LLM node its model and prompt with the default config', () => {
    const llm = builtinNodeTypes.find((nodeType) => nodeType.type === 'core.llm');
    const config = llm?.config.parse({}) as Record<string, unknown>;
    expect(summarize(llm?.summary, config).map((line) => line.text)).toEqual(['gpt-4o-mini', '{{ $string($) }}']);
  });
});
