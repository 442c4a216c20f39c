import { describe, expect, it } from 'vitest';
import { configProblems, hasProblemsUnder, problemsOfField, whereInField } from './field-problems.ts';

describe('field problems', () => {
  const placed = configProblems([
    { code: 'OPR-011', nodeId: 'r', path: 'nodes[1].config.routes.0.name', message: 'bad name' },
    { code: 'OPR-011', nodeId: 'r', path: 'nodes[1].config.routes[1].expression', message: 'bad expression' },
    { code: 'OPR-011', nodeId: 'r', path: 'nodes[1].config.schema', message: 'needs a schema' },
    { code: 'OPR-011', nodeId: 'r', path: 'nodes[1].config.schema.properties.a', message: 'deep' },
    { code: 'OPR-011', nodeId: 'r', path: 'nodes[1].settings.cache', message: 'not a config problem' },
    { code: 'OPR-013', nodeId: 'r', message: 'no path' },
  ]);

  it('reads config paths in both notations and leaves the rest out', () => {
    expect(placed.map((p) => p.path)).toEqual([
      ['routes', 0, 'name'],
      ['routes', 1, 'expression'],
      ['schema'],
      ['schema', 'properties', 'a'],
    ]);
  });

  it('gives a leaf every problem below it and a container only its own', () => {
    expect(problemsOfField(placed, ['schema'], true).map((p) => p.message)).toEqual(['needs a schema', 'deep']);
    expect(problemsOfField(placed, ['routes'], false)).toEqual([]);
    expect(problemsOfField(placed, ['routes', 0, 'name'], true).map((p) => p.message)).toEqual(['bad name']);
    expect(hasProblemsUnder(placed, ['routes', 1])).toBe(true);
    expect(hasProblemsUnder(placed, ['routes', 2])).toBe(false);
  });

  it('names where a problem is inside a field', () => {
    expect(whereInField(placed[3]!, ['schema'])).toBe('properties › a');
    expect(whereInField(placed[0]!, ['routes'])).toBe('#1 › name');
  });
});
