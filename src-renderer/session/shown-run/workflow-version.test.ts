import { describe, expect, it } from 'vitest';
import { createBuiltinRegistry } from '../../../src-shared/nodes/builtin.ts';
import { validateWorkflow } from '../../../src-shared/workflow/validate.ts';
import { WorkflowSchema, type Workflow } from '../../../src-shared/workflow/schema.ts';
import { ranEarlierVersion } from './workflow-version.ts';

const workflow: Workflow = WorkflowSchema.parse({
  schemaVersion: 1,
  id: 'wf',
  name: 'Flow',
  nodes: [
    { id: 'start', type: 'core.manual-trigger', typeVersion: 1, position: { x: 0, y: 0 }, config: {} },
    { id: 'double', type: 'core.transform', typeVersion: 1, position: { x: 200, y: 0 }, config: { expression: 'x * 2' } },
  ],
  edges: [{ id: 'e1', source: 'start', sourcePort: 'out', target: 'double', targetPort: 'in' }],
});

const registry = createBuiltinRegistry();

describe('ranEarlierVersion', () => {
  it('is false for the same workflow, however its keys are ordered or its nodes placed and named', () => {
    const snapshot = JSON.parse(JSON.stringify(workflow)) as Workflow;
    snapshot.nodes.reverse();
    const moved: Workflow = {
      ...workflow,
      name: 'Renamed',
      nodes: workflow.nodes.map((node) => ({ ...node, position: { x: node.position.x + 50, y: 9 }, label: 'Label', notes: 'n' })),
    };
    expect(ranEarlierVersion(snapshot, moved, registry)).toBe(false);
  });

  it('is false for a snapshot holding the config defaults the file leaves out (as a run stores it)', () => {
    const checked = validateWorkflow(workflow, registry);
    if (!checked.ok) throw new Error('the test workflow is invalid');
    expect(JSON.stringify(checked.workflow)).not.toBe(JSON.stringify(workflow));
    expect(ranEarlierVersion(checked.workflow, workflow, registry)).toBe(false);
  });

  it('is true when a config, an edge or a setting changed', () => {
    const configChanged: Workflow = {
      ...workflow,
      nodes: workflow.nodes.map((node) => (node.id === 'double' ? { ...node, config: { expression: 'x * 3' } } : node)),
    };
    expect(ranEarlierVersion(workflow, configChanged, registry)).toBe(true);
    expect(ranEarlierVersion(workflow, { ...workflow, edges: [] }, registry)).toBe(true);
    expect(ranEarlierVersion(workflow, { ...workflow, settings: { ...workflow.settings, concurrency: 1 } }, registry)).toBe(true);
  });

  it('is undefined without a snapshot and true for a snapshot that is not a workflow', () => {
    expect(ranEarlierVersion(null, workflow, registry)).toBeUndefined();
    expect(ranEarlierVersion({ nodes: 'x' }, workflow, registry)).toBe(true);
  });
});
