import { describe, expect, it } from 'vitest';
import { createBuiltinRegistry } from '../nodes/builtin.ts';
import { providerProblems } from './provider-problems.ts';
import { WorkflowSchema } from './schema.ts';

const registry = createBuiltinRegistry();

const workflow = WorkflowSchema.parse({
  schemaVersion: 1,
  id: 'w',
  name: 'w',
  nodes: [
    { id: 'classify', type: 'core.llm', config: { provider: 'ollama', model: 'llama3', prompt: 'hi' } },
    { id: 'agent', type: 'core.agent', config: { provider: 'openai', model: 'gpt-4o-mini' } },
    { id: 'shape', type: 'core.transform', config: { expression: '$', provider: 'not-a-model-node' } },
  ].map((node) => ({ ...node, typeVersion: 1, position: { x: 0, y: 0 } })),
  edges: [],
});

describe('providerProblems', () => {
  it('warns (OPR-180) of each LLM or Agent node naming a provider not configured, listing the configured ones', () => {
    expect(providerProblems(workflow, registry, ['openai', 'lmstudio'])).toEqual([
      {
        code: 'OPR-180',
        nodeId: 'classify',
        path: 'nodes[0].config.provider',
        message: 'the model provider "ollama" is not configured (configured: openai, lmstudio)',
      },
    ]);
  });

  it('says when no provider is configured at all, and is quiet when every named one is', () => {
    expect(providerProblems(workflow, registry, []).map((problem) => [problem.nodeId, problem.message])).toEqual([
      ['classify', 'the model provider "ollama" is not configured (no provider is configured here)'],
      ['agent', 'the model provider "openai" is not configured (no provider is configured here)'],
    ]);
    expect(providerProblems(workflow, registry, ['ollama', 'openai'])).toEqual([]);
  });
});
