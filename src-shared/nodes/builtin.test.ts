import { describe, expect, it } from 'vitest';
import { builtinNodeTypes, createBuiltinRegistry } from './builtin.ts';
import { PORT_TYPES } from './ports.ts';
import { createCheckHelpers } from './test-context.ts';

const CATEGORIES = ['Triggers', 'Flow', 'Data', 'AI', 'Memory', 'Files', 'Network', 'Human'];

describe('built-in node types', () => {
  it('have unique ids, all registered', () => {
    const ids = builtinNodeTypes.map((nodeType) => nodeType.type);
    expect(new Set(ids).size).toBe(ids.length);
    const registry = createBuiltinRegistry();
    expect(registry.list().map((nodeType) => nodeType.type)).toEqual(ids);
    expect(ids).toContain('core.http-request');
    expect(ids.length).toBe(27);
  });

  describe.each(builtinNodeTypes.map((nodeType) => [nodeType.type, nodeType] as const))('%s', (id, nodeType) => {
    it('follows the conventions', () => {
      expect(id).toMatch(/^core\.[a-z]+(-[a-z]+)*$/);
      expect(nodeType.version).toBeGreaterThanOrEqual(1);
      // Every later version brings the config of the one before it up (files outlive the code that wrote them).
      for (let version = 1; version < nodeType.version; version++)
        expect(nodeType.migrations[version], `migration from version ${version}`).toBeTypeOf('function');
      expect(CATEGORIES).toContain(nodeType.category);
      expect(nodeType.title.trim()).not.toBe('');
      expect(nodeType.description.trim()).not.toBe('');
      expect(nodeType.icon).toMatch(/^[a-z0-9-]+$/);
      expect(nodeType.kind).toBe(nodeType.category === 'Triggers' ? 'trigger' : 'step');
    });

    it('parses an empty config, and its ports resolve for it', () => {
      const config = nodeType.config.parse({});
      for (const ports of [nodeType.inputPorts(config), nodeType.outputPorts(config)]) {
        for (const def of Object.values(ports)) expect(PORT_TYPES).toContain(def.type);
      }
      expect(['all', 'any', 'first']).toContain(nodeType.joinMode(config));
      expect(Array.isArray(nodeType.check(config, createCheckHelpers()))).toBe(true);
    });
  });

  it('resolve dynamic ports from the config', () => {
    const registry = createBuiltinRegistry();
    const merge = registry.get('core.merge');
    const router = registry.get('core.router');
    expect(Object.keys(merge?.inputPorts(merge.config.parse({ inputs: 3 })) ?? {})).toEqual(['in1', 'in2', 'in3']);
    expect(merge?.joinMode(merge.config.parse({ mode: 'first' }))).toBe('first');
    expect(merge?.joinMode(merge.config.parse({}))).toBe('any');
    const routes = router?.config.parse({ routes: [{ name: 'big', expression: 'n > 1' }] });
    expect(Object.keys(router?.outputPorts(routes) ?? {})).toEqual(['big', 'default']);
  });

  it('report missing required fields through check, not the schema', () => {
    const registry = createBuiltinRegistry();
    const helpers = createCheckHelpers(registry);
    const paths = (type: string): string[] => {
      const nodeType = registry.get(type);
      return nodeType === undefined ? [] : nodeType.check(nodeType.config.parse({}), helpers).map((problem) => problem.path);
    };
    expect(paths('core.http-request')).toEqual(['url']);
    expect(paths('core.read-file')).toEqual(['path']);
    expect(paths('core.sub-workflow')).toEqual(['workflow']);
    expect(paths('core.transform')).toEqual([]);
  });
});
