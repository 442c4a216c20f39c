import { describe, expect, it } from 'vitest';
import { labelOf, nodeLabels, withNodeLabels } from './node-labels.ts';

const titles: Record<string, string> = { 'core.router': 'Router', 'core.llm': 'LLM' };
const titleOf = (type: string) => titles[type];

describe('nodeLabels', () => {
  it('uses the label a person gave, trimmed', () => {
    const labels = nodeLabels([{ id: 'router-1', type: 'core.router', label: '  Route by category ' }], titleOf);
    expect(labels.get('router-1')).toBe('Route by category');
  });

  it("uses the type's title, numbered only when several unlabelled nodes share it", () => {
    const labels = nodeLabels(
      [
        { id: 'llm-1', type: 'core.llm' },
        { id: 'router-1', type: 'core.router' },
        { id: 'router-2', type: 'core.router', label: '' },
        { id: 'router-3', type: 'core.router' },
      ],
      titleOf,
    );
    expect([...labels.values()]).toEqual(['LLM', 'Router', 'Router 2', 'Router 3']);
  });

  it('never repeats a label another node already has', () => {
    const labels = nodeLabels(
      [
        { id: 'a', type: 'core.router' },
        { id: 'b', type: 'core.router', label: 'Router 2' },
        { id: 'c', type: 'core.router' },
      ],
      titleOf,
    );
    expect(labels.get('a')).toBe('Router');
    expect(labels.get('c')).toBe('Router 3');
  });

  it('falls back to the id for an unknown type, and for a node the graph does not have', () => {
    const labels = nodeLabels([{ id: 'x-1', type: 'acme.unknown' }], titleOf);
    expect(labelOf(labels, 'x-1')).toBe('x-1');
    expect(labelOf(labels, 'gone-7')).toBe('gone-7');
  });
});

describe('withNodeLabels', () => {
  const labels = new Map([
    ['router-1', 'Route by category'],
    ['llm-1', 'Classify'],
  ]);

  it('names quoted node ids, and node.port references, by their labels', () => {
    expect(withNodeLabels('input "in" of node "router-1" already has an edge', labels)).toBe(
      'input "in" of node "Route by category" already has an edge',
    );
    expect(withNodeLabels('"llm-1.out" (object) cannot connect to "router-1.in" (string)', labels)).toBe(
      '"Classify.out" (object) cannot connect to "Route by category.in" (string)',
    );
    expect(withNodeLabels('would make a cycle: "llm-1" → "router-1" → "llm-1"', labels)).toBe(
      'would make a cycle: "Classify" → "Route by category" → "Classify"',
    );
  });

  it('leaves other quoted words alone', () => {
    expect(withNodeLabels('unknown node type "acme.nope"; port "in"', labels)).toBe('unknown node type "acme.nope"; port "in"');
  });
});
