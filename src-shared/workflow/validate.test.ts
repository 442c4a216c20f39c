import { describe, expect, it } from 'vitest';
import { createRegistry } from '../nodes/registry.ts';
import { testNodeTypes } from '../engine/testing/test-node-types.ts';
import { parseWorkflowText } from './parse.ts';
import { validateWorkflow } from './validate.ts';
import { findCycles } from './graph.ts';
import { migrateNodeConfig, migrateWorkflowDocument } from './migrations.ts';

const registry = createRegistry(testNodeTypes);
const node = (id: string, type = 'test.value', extra: Record<string, unknown> = {}) => ({
  id,
  type,
  typeVersion: 1,
  position: { x: 0, y: 0 },
  config: {},
  ...extra,
});
const edge = (id: string, source: string, sourcePort: string, target: string, targetPort: string) => ({
  id,
  source,
  sourcePort,
  target,
  targetPort,
});
const doc = (nodes: unknown[], edges: unknown[] = [], extra: Record<string, unknown> = {}) => ({
  schemaVersion: 1,
  id: 'wf',
  name: 'WF',
  nodes,
  edges,
  ...extra,
});

describe('validateWorkflow', () => {
  it('accepts a good workflow and fills config defaults and settings', () => {
    const result = validateWorkflow(doc([node('a'), node('b')], [edge('e1', 'a', 'out', 'b', 'in')]), registry);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.workflow.nodes[0]?.config).toEqual({ value: null, sleepMs: 0, actsOutside: false });
    expect(result.workflow.settings.concurrency).toBe(8);
  });

  it('lists every problem at once, each with its node or edge id', () => {
    const result = validateWorkflow(
      doc(
        [
          node('a'),
          node('b', 'test.nope'),
          node('c', 'test.value', { config: { sleepMs: 'soon' } }),
          node('n', 'test.number'),
          node('a'),
          node('s', 'test.value'),
        ],
        [
          edge('e1', 'a', 'out', 'ghost', 'in'),
          edge('e2', 'a', 'nope', 'c', 'in'),
          edge('e3', 'a', 'error', 's', 'in'),
          edge('e4', 's', 'out', 'c', 'in'),
          edge('e4', 'c', 'out', 'c', 'in'),
        ],
      ),
      registry,
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const seen = result.problems.map((p) => [p.code, p.nodeId ?? p.edgeId]);
    expect(seen).toEqual(
      expect.arrayContaining([
        ['OPR-010', 'b'],
        ['OPR-011', 'c'],
        ['OPR-017', 'a'],
        ['OPR-017', 'e4'],
        ['OPR-012', 'e1'],
        ['OPR-013', 'a'],
        ['OPR-018', 'c'],
        ['OPR-014', 'n'],
        ['OPR-016', 'c'],
      ]),
    );
    expect(result.problems.find((p) => p.code === 'OPR-011')?.path).toBe('nodes[2].config.sleepMs');
    expect(result.problems.find((p) => p.edgeId === 'e3')?.message).toContain('onError is "route"');
  });

  it('names incompatible port types', () => {
    const result = validateWorkflow(
      doc([node('b', 'test.branch'), node('j', 'test.join'), node('n', 'test.number')], [edge('e1', 'j', 'out', 'n', 'n')]),
      registry,
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toEqual([
      { code: 'OPR-015', edgeId: 'e1', path: 'edges[0]', message: '"j.out" (array) cannot connect to "n.n" (number)' },
    ]);
  });

  it('names every node on a cycle', () => {
    const result = validateWorkflow(
      doc(
        [node('a'), node('b'), node('c'), node('d')],
        [
          edge('1', 'a', 'out', 'b', 'in'),
          edge('2', 'b', 'out', 'c', 'in'),
          edge('3', 'c', 'out', 'a', 'in'),
          edge('4', 'c', 'out', 'd', 'in'),
        ],
      ),
      registry,
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toEqual([{ code: 'OPR-016', nodeId: 'a', message: 'cycle through nodes "a" → "b" → "c"' }]);
  });

  it('reports file-format problems with paths and ids', () => {
    const result = validateWorkflow(
      { schemaVersion: 1, id: 'wf', name: '', nodes: [{ id: 'x', type: 'test.value' }], edges: [] },
      registry,
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => [p.code, p.path, p.nodeId])).toEqual(
      expect.arrayContaining([
        ['OPR-002', 'name', undefined],
        ['OPR-002', 'nodes[0].typeVersion', 'x'],
        ['OPR-002', 'nodes[0].position', 'x'],
      ]),
    );
  });

  it('refuses settings.cache on a node type that cannot be cached', () => {
    const result = validateWorkflow(doc([node('g', 'test.gate', { settings: { cache: true } })]), registry);
    expect(result.ok || result.problems).toEqual([
      { code: 'OPR-011', nodeId: 'g', path: 'nodes[0].settings.cache', message: expect.stringContaining('cannot be cached') },
    ]);
  });

  it('rejects an inputs schema that does not describe an object', () => {
    const result = validateWorkflow(doc([], [], { inputs: { type: 'string' } }), registry);
    expect(result.ok || result.problems[0]?.code).toBe('OPR-031');
  });
});

describe('parseWorkflowText', () => {
  it('reports invalid JSON with its position', () => {
    const result = parseWorkflowText('{\n  "schemaVersion": 1,\n  "id": \n}', registry);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems[0]?.code).toBe('OPR-001');
    expect(result.problems[0]?.message).toMatch(/line 4|position/);
  });
});

describe('migrations', () => {
  it('runs every step from an old version to the current one', () => {
    const steps = {
      1: (d: Record<string, unknown>) => ({ ...d, title: d.name }),
      2: (d: Record<string, unknown>) => ({ ...d, renamed: true }),
    };
    const result = migrateWorkflowDocument({ schemaVersion: 1, name: 'x' }, steps, 3);
    expect(result).toEqual({ ok: true, from: 1, document: { schemaVersion: 3, name: 'x', title: 'x', renamed: true } });
  });

  it('refuses a newer file and a missing step with clear codes', () => {
    expect(migrateWorkflowDocument({ schemaVersion: 9 })).toMatchObject({
      ok: false,
      problem: { code: 'OPR-003', message: expect.stringContaining('newer') },
    });
    expect(migrateWorkflowDocument({ schemaVersion: 1 }, {}, 2)).toMatchObject({ ok: false, problem: { code: 'OPR-004' } });
    expect(migrateWorkflowDocument([])).toMatchObject({ ok: false, problem: { code: 'OPR-002' } });
  });

  it('migrates node configs by type version', () => {
    const migrations = { 1: (c: Record<string, unknown>) => ({ url: c.href }) };
    expect(migrateNodeConfig({ href: 'x' }, 1, 2, migrations)).toEqual({ ok: true, config: { url: 'x' } });
    expect(migrateNodeConfig({}, 3, 2, migrations)).toMatchObject({ ok: false, message: expect.stringContaining('newer') });
  });
});

describe('findCycles', () => {
  it('handles a 20,000-node chain without overflowing the stack', () => {
    const ids = Array.from({ length: 20_000 }, (_, i) => `n${i}`);
    const edges = ids.slice(1).map((id, i) => edge(`e${i}`, `n${i}`, 'out', id, 'in'));
    expect(findCycles(ids, edges)).toEqual([]);
    expect(findCycles(ids, [...edges, edge('back', 'n19999', 'out', 'n0', 'in')])[0]).toHaveLength(20_000);
  });
});
