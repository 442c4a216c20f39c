import { describe, expect, it } from 'vitest';
import type { ShapeWorkflow } from '../../../src-shared/workflow/output-shape.ts';
import { completionSources } from './completion-sources.ts';
import { completionsAt, placeholderStart, type CompletionResult } from './completions.ts';

const node = (id: string, type: string, config: Record<string, unknown>, label?: string) => ({
  id,
  type,
  typeVersion: 1,
  position: { x: 0, y: 0 },
  config,
  ...(label === undefined ? {} : { label }),
});
const edge = (source: string, sourcePort: string, target: string) => ({
  id: `${source}-${target}`,
  source,
  sourcePort,
  target,
  targetPort: 'in',
});

// start → classify (LLM, JSON) → route (Router) → reply (Transform building { answer })
const workflow: ShapeWorkflow = {
  inputs: { type: 'object', properties: { ticket: { type: 'string', description: 'The ticket text' }, customer: { type: 'string' } } },
  nodes: [
    node('start', 'core.manual-trigger', {}),
    node(
      'classify',
      'core.llm',
      { output: 'json', schema: { properties: { category: { description: 'The team' }, priority: {} } } },
      'Classify',
    ),
    node('route', 'core.router', { routes: [] }),
    node('reply', 'core.transform', { expression: '{ "answer": category }' }),
  ],
  edges: [edge('start', 'out', 'classify'), edge('classify', 'out', 'route'), edge('route', 'default', 'reply')],
};
const lastRun = { category: 'billing', priority: 'high', meta: { tokens: 12, model: 'gpt' } };
const sourcesFor = (nodeId: string, inputValues?: Record<string, unknown>) =>
  completionSources({ workflow, nodeId, inputPorts: ['in'], inputValues, runValue: { ticket: 'Charged twice', customer: 'Dana' } });
const labels = (result: CompletionResult | undefined) => result?.items.map((item) => item.label) ?? [];
const at = (text: string, kind: 'expression' | 'template' = 'expression', nodeId = 'route', values?: Record<string, unknown>) =>
  completionsAt(text, text.length, kind, sourcesFor(nodeId, values));

describe('completionsAt', () => {
  it('offers the fields of the node wired into its input, by label and port, and not those of nodes downstream', () => {
    const result = at('');
    const fields = result?.items.filter((item) => item.kind === 'field');
    expect(fields?.map((item) => [item.label, item.detail])).toEqual([
      ['category', 'The team'],
      ['priority', 'From Classify → out'],
    ]);
    expect(labels(result)).not.toContain('answer');
    expect(sourcesFor('route').ports).toEqual([{ name: 'in', from: 'Classify → out', value: undefined }]);
  });

  it('adds fields only the last known value has, and completes into nested values after a dot', () => {
    expect(labels(at('', 'expression', 'route', { in: lastRun })).filter((l) => !l.startsWith('$'))).toEqual([
      'category',
      'priority',
      'meta',
    ]);
    expect(labels(at('meta.', 'expression', 'route', { in: lastRun }))).toEqual(['tokens', 'model']);
    expect(labels(at('$inputs.in.met', 'expression', 'route', { in: lastRun }))).toEqual(['meta']);
  });

  it('offers the declared run inputs after $run., with their descriptions', () => {
    const result = at('$run.');
    expect(result?.items.map((item) => [item.label, item.detail])).toEqual([
      ['ticket', 'The ticket text'],
      ['customer', '"Dana"'],
    ]);
    expect(labels(at('$run.cu'))).toEqual(['customer']);
  });

  it('offers functions with one-line signatures after $, and places the caret inside the parentheses', () => {
    const result = at('$up');
    expect(result).toMatchObject({ from: 0, to: 3 });
    expect(result?.items).toEqual([
      { label: '$uppercase', insert: '$uppercase()', caret: 11, kind: 'function', detail: '$uppercase(str) · The string in upper case' },
    ]);
    expect(labels(at('$se'))).toEqual(['$secret']);
    expect(labels(at('$'))).toEqual(expect.arrayContaining(['$run', '$inputs', '$secret', '$sum', '$string']));
  });

  it('completes in a template only inside a placeholder', () => {
    expect(at('Hello pri', 'template')).toBeUndefined();
    expect(labels(at('Hello {{ pri', 'template'))).toEqual(['priority']);
    expect(at('Hello {{ pri }} and ', 'template')).toBeUndefined();
    expect(placeholderStart('a {{ b }} {{ c', 14)).toBe(12);
  });

  it('has nothing for a node with no input wired, except variables and functions', () => {
    expect(labels(at('', 'expression', 'start')).every((l) => l.startsWith('$'))).toBe(true);
  });
});
