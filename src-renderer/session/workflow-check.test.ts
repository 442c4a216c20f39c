import { describe, expect, it } from 'vitest';
import { createBuiltinRegistry } from '../../src-shared/nodes/builtin.ts';
import { TenantPolicySchema } from '../../src-shared/policy/policy-schema.ts';
import { WorkflowSchema } from '../../src-shared/workflow/schema.ts';
import { createWorkflowCheck } from './workflow-check.ts';

const registry = createBuiltinRegistry();
const workflow = WorkflowSchema.parse({
  schemaVersion: 1,
  id: 'w',
  name: 'w',
  nodes: [{ id: 'ask', type: 'core.llm', typeVersion: 1, position: { x: 0, y: 0 }, config: { provider: 'ollama', prompt: 'hi' } }],
  edges: [],
});

describe('the editor’s workflow check', () => {
  it('adds OPR-180 for a provider not configured once the providers are known', () => {
    const check = createWorkflowCheck(registry);
    expect(check.check(workflow).filter((problem) => problem.code === 'OPR-180')).toEqual([]);
    check.setProviders(['openai']);
    expect(check.check(workflow)).toContainEqual({
      code: 'OPR-180',
      nodeId: 'ask',
      path: 'nodes[0].config.provider',
      message: 'the model provider "ollama" is not configured (configured: openai)',
    });
    check.setProviders(['ollama']);
    expect(check.check(workflow).filter((problem) => problem.code === 'OPR-180')).toEqual([]);
  });

  it('rechecks only the providers when they arrive: the problems of the last validation are kept', () => {
    const check = createWorkflowCheck(registry);
    const broken = WorkflowSchema.parse({
      ...workflow,
      edges: [{ id: 'e', source: 'ask', sourcePort: 'out', target: 'gone', targetPort: 'in' }],
    });
    const validated = check.check(broken);
    expect(validated.map((problem) => problem.code)).toContain('OPR-012');
    check.setProviders(['openai']);
    const rechecked = check.recheckProviders(broken);
    expect(rechecked.slice(0, validated.length)).toEqual(validated);
    expect(rechecked.slice(validated.length).map((problem) => problem.code)).toEqual(['OPR-180']);
    // The same problems a full check finds.
    expect(rechecked).toEqual(check.check(broken));
  });

  it('adds what the workspace policy refuses once the policy is known, naming the node and its type', () => {
    const check = createWorkflowCheck(registry);
    expect(check.check(workflow).filter((problem) => problem.code === 'OPR-261')).toEqual([]);
    check.setPolicy(TenantPolicySchema.parse({ nodeTypes: ['core.manual-trigger'] }));
    expect(check.recheckProviders(workflow)).toContainEqual({
      code: 'OPR-261',
      nodeId: 'ask',
      path: 'nodes[0].type',
      message: 'node "ask" is of the type LLM (core.llm), which the workspace policy does not allow',
    });
    check.setPolicy(TenantPolicySchema.parse({ models: { providers: ['openai'] } }));
    expect(check.check(workflow).map((problem) => problem.code)).toEqual(['OPR-262']);
  });
});
