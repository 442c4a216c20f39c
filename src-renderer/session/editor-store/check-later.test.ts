import { describe, expect, it } from 'vitest';
import { createBuiltinRegistry } from '../../../src-shared/nodes/builtin.ts';
import type { Workflow } from '../../../src-shared/workflow/schema.ts';
import { validateWorkflow } from '../../../src-shared/workflow/validate.ts';
import { catalogueFromRegistry, portsForRegistry } from '../../editor/test-catalogue.ts';
import { createEditorStore } from './create-editor-store.ts';

const registry = createBuiltinRegistry();
/** A workflow with one problem: its Transform calls a function JSONata does not have (OPR-185). */
const workflow: Workflow = {
  schemaVersion: 1,
  id: 'w',
  name: 'W',
  description: '',
  settings: { concurrency: 8, defaultTimeoutMs: 1000, defaultRetries: 0, defaultRetryDelayMs: 0, maxNodeExecutions: 100, cache: false },
  nodes: [
    { id: 'start', type: 'core.manual-trigger', typeVersion: 1, position: { x: 0, y: 0 }, config: {} },
    { id: 'transform-1', type: 'core.transform', typeVersion: 1, position: { x: 200, y: 0 }, config: { expression: '$nope($)' } },
  ],
  edges: [{ id: 'e1', source: 'start', sourcePort: 'out', target: 'transform-1', targetPort: 'in' }],
};

function setup(checkLater: boolean) {
  const validated: Workflow[] = [];
  const store = createEditorStore({
    workflow,
    catalogue: catalogueFromRegistry(registry),
    portsFor: portsForRegistry(registry),
    validate: (doc) => {
      validated.push(doc);
      const result = validateWorkflow(doc, registry);
      return result.ok ? [] : result.problems;
    },
    checkLater,
  });
  return { store, actions: store.getState().actions, validated };
}

const codes = (store: ReturnType<typeof setup>['store']) => store.getState().ui.problems.map((problem) => problem.code);

describe('editor store: the first validation later (checkLater)', () => {
  it('validates as it is made by default', () => {
    const { store, validated } = setup(false);
    expect(validated).toHaveLength(1);
    expect(store.getState().ui.problemsChecked).toBe(true);
    expect(codes(store)).toEqual(['OPR-185']);
  });

  it('with checkLater, starts unchecked, and checkProblems validates once', () => {
    const { store, actions, validated } = setup(true);
    expect(validated).toHaveLength(0);
    expect(store.getState().ui).toMatchObject({ problems: [], problemsChecked: false });
    actions.checkProblems();
    expect(validated).toHaveLength(1);
    expect(store.getState().ui.problemsChecked).toBe(true);
    expect(codes(store)).toEqual(['OPR-185']);
    actions.checkProblems();
    expect(validated).toHaveLength(1);
  });

  it('an edit before the check validates the edited graph, and the check then has nothing left to do', () => {
    const { store, actions, validated } = setup(true);
    actions.updateConfig('transform-1', ['expression'], '$count($)');
    expect(validated).toHaveLength(1);
    expect(store.getState().ui).toMatchObject({ problems: [], problemsChecked: true });
    actions.checkProblems();
    expect(validated).toHaveLength(1);
  });

  it('problems set from outside count as checked', () => {
    const { store, actions, validated } = setup(true);
    actions.setProblems([{ code: 'OPR-180', message: 'no provider', nodeId: 'transform-1' }]);
    expect(store.getState().ui.problemsChecked).toBe(true);
    actions.checkProblems();
    expect(validated).toHaveLength(0);
    expect(codes(store)).toEqual(['OPR-180']);
  });
});
