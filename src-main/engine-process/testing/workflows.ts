import type { WorkflowInput } from '../../../src-shared/workflow/schema.ts';

/** start -> double (`n * 2`) -> result: a run of three nodes whose output is `2n`. */
export const doubling: WorkflowInput = {
  schemaVersion: 1,
  id: 'doubling',
  name: 'Doubling',
  inputs: { type: 'object', properties: { n: { type: 'number', default: 1 } } },
  nodes: [
    { id: 'start', type: 'core.manual-trigger', typeVersion: 1, position: { x: 0, y: 0 }, config: {} },
    { id: 'double', type: 'core.transform', typeVersion: 1, position: { x: 200, y: 0 }, config: { expression: 'n * 2' } },
    { id: 'result', type: 'core.output', typeVersion: 1, position: { x: 400, y: 0 }, config: { name: 'result' } },
  ],
  edges: [
    { id: 'e1', source: 'start', sourcePort: 'out', target: 'double', targetPort: 'in' },
    { id: 'e2', source: 'double', sourcePort: 'out', target: 'result', targetPort: 'in' },
  ],
};

/** start -> ask (an LLM call to provider `openai`, whose key is OPENAI_API_KEY) -> result. */
export const asking: WorkflowInput = {
  schemaVersion: 1,
  id: 'asking',
  name: 'Asking',
  nodes: [
    { id: 'start', type: 'core.manual-trigger', typeVersion: 1, position: { x: 0, y: 0 }, config: {} },
    { id: 'ask', type: 'core.llm', typeVersion: 1, position: { x: 200, y: 0 }, config: { provider: 'openai', prompt: 'Hello?' } },
    { id: 'result', type: 'core.output', typeVersion: 1, position: { x: 400, y: 0 }, config: { name: 'result' } },
  ],
  edges: [
    { id: 'e1', source: 'start', sourcePort: 'out', target: 'ask', targetPort: 'in' },
    { id: 'e2', source: 'ask', sourcePort: 'out', target: 'result', targetPort: 'in' },
  ],
};
