import { describe, expect, it } from 'vitest';
import { buildWorkflow } from '../engine/testing/build-workflow.ts';
import { createBuiltinRegistry } from '../nodes/builtin.ts';
import { hostListedExactly, hostMatches } from './host-pattern.ts';
import { policyProblems } from './policy-problems.ts';
import { TenantPolicySchema } from './policy-schema.ts';

const registry = createBuiltinRegistry();

describe('host patterns', () => {
  it('match a name exactly, or any name under a "*." domain but not the domain itself', () => {
    expect(hostMatches('api.example.com', 'api.example.com')).toBe(true);
    expect(hostMatches('API.Example.com.', 'api.example.com')).toBe(true);
    expect(hostMatches('a.b.example.com', '*.example.com')).toBe(true);
    expect(hostMatches('example.com', '*.example.com')).toBe(false);
    expect(hostMatches('badexample.com', '*.example.com')).toBe(false);
    expect(hostMatches('[::1]', '::1')).toBe(true);
    expect(hostListedExactly('a.example.com', ['*.example.com'])).toBe(false);
    expect(hostListedExactly('db.internal', ['*.example.com', 'db.internal'])).toBe(true);
  });
});

describe('the policy document', () => {
  it('fills its defaults: private networks refused, every list absent (all allowed)', () => {
    expect(TenantPolicySchema.parse({})).toEqual({
      models: {},
      budgets: { perRun: {}, perDay: {} },
      http: { allowPrivateNetworks: false },
      retention: {},
      webhooks: {},
    });
  });

  it('refuses unknown fields and bad values, naming the field', () => {
    const result = TenantPolicySchema.safeParse({ http: { allowedHost: ['x'] }, budgets: { perDay: { maxCostUsd: -1 } } });
    expect(result.success).toBe(false);
    const paths = result.error?.issues.map((issue) => issue.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['http', 'budgets.perDay.maxCostUsd']));
  });
});

describe('policyProblems', () => {
  const workflow = buildWorkflow(
    registry,
    [
      { id: 'start', type: 'core.manual-trigger' },
      { id: 'ask', type: 'core.llm', config: { provider: 'ollama', prompt: 'Hi' } },
      {
        id: 'agent',
        type: 'core.agent',
        config: { tools: [{ kind: 'http', name: 'lookup', config: { url: 'https://api.example.com' } }] },
      },
    ],
    ['start.out -> ask.in', 'ask.out -> agent.in'],
  );

  it('finds nothing when the policy lists nothing', () => {
    expect(policyProblems(workflow, TenantPolicySchema.parse({}))).toEqual([]);
  });

  it('names each node whose type, provider or agent tool the policy does not allow', () => {
    const policy = TenantPolicySchema.parse({
      nodeTypes: ['core.manual-trigger', 'core.llm', 'core.agent'],
      models: { providers: ['openai'] },
      agentTools: ['read-file'],
    });
    expect(policyProblems(workflow, policy)).toEqual([
      expect.objectContaining({ code: 'OPR-262', nodeId: 'ask', path: 'nodes[1].config.provider' }),
      expect.objectContaining({ code: 'OPR-263', nodeId: 'agent', path: 'nodes[2].config.tools[0]' }),
    ]);
    const types = policyProblems(workflow, TenantPolicySchema.parse({ nodeTypes: ['core.manual-trigger'] }), registry);
    expect(types.map((problem) => [problem.code, problem.nodeId])).toEqual([
      ['OPR-261', 'ask'],
      ['OPR-261', 'agent'],
    ]);
    expect(types[0]?.message).toBe('node "ask" is of the type LLM (core.llm), which the workspace policy does not allow');
    // A tool is allowed by its kind or by its name.
    expect(policyProblems(workflow, TenantPolicySchema.parse({ agentTools: ['lookup'] }))).toEqual([]);
  });
});
