import { describe, expect, it } from 'vitest';
import type { Problem } from '../../src-shared/errors/operon-error.ts';
import { nodeProblemTexts, problemTextsOf } from './node-problems.ts';

const labels = new Map([
  ['router-1', 'Router'],
  ['llm-1', 'Classify'],
  ['out-1', 'Output'],
]);

const problems: Problem[] = [
  { code: 'OPR-011', nodeId: 'router-1', path: 'nodes[1].config.routes[0].name', message: '"default" is reserved' },
  { code: 'OPR-011', nodeId: 'router-1', path: 'nodes[1].config.expression', message: 'unexpected end\nof input' },
  { code: 'OPR-016', nodeId: 'llm-1', message: 'cycle through nodes "llm-1" → "router-1"' },
  { code: 'OPR-015', edgeId: 'e1', path: 'edges[0]', message: '"llm-1.out" cannot connect' },
  { code: 'OPR-011', nodeId: 'out-1', path: 'nodes[2].settings.cache', message: 'cannot be cached' },
];

describe('nodeProblemTexts', () => {
  it('gives each node its problems, one line each, naming the config field and nodes by label', () => {
    const texts = nodeProblemTexts(problems, labels);
    expect(texts.get('router-1')).toBe('Routes › #1 › name: "default" is reserved\nExpression: unexpected end of input');
    expect(texts.get('llm-1')).toBe('cycle through nodes "Classify" → "Router"');
    // A problem outside the config names no field.
    expect(texts.get('out-1')).toBe('cannot be cached');
    // An edge's problem belongs to no node.
    expect([...texts.keys()].sort()).toEqual(['llm-1', 'out-1', 'router-1']);
  });

  it('is empty when there are no problems', () => {
    expect(nodeProblemTexts([], labels).size).toBe(0);
  });
});

describe('problemTextsOf', () => {
  it('reads the problems once per problems array and labels, and again when either changes', () => {
    const first = problemTextsOf(problems, labels);
    expect(problemTextsOf(problems, labels)).toBe(first);
    const relabelled = new Map(labels).set('router-1', 'Route by team');
    const again = problemTextsOf(problems, relabelled);
    expect(again).not.toBe(first);
    expect(again.get('llm-1')).toBe('cycle through nodes "Classify" → "Route by team"');
    const fewer = problems.slice(2);
    expect(problemTextsOf(fewer, relabelled).get('router-1')).toBeUndefined();
  });
});
