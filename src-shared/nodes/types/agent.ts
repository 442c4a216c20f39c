import { checkModelChoice } from './model-choice.ts';
import { defineNodeType } from '../define-node-type.ts';
import { port } from '../ports.ts';
import { AgentConfig } from './agent/config.ts';
import { runAgentLoop } from './agent/loop.ts';
import { checkTools } from './agent/tools.ts';
import { checkTemplate } from './static-expressions.ts';

/**
 * A model that calls tools in a loop until it answers. Emits the answer on `out` and how it got there on
 * `trace`. Every model call, tool call and the answer are in the node's log; tools may require a person's
 * approval, which pauses the run (see agent/loop.ts).
 */
export const agentNode = defineNodeType({
  type: 'core.agent',
  version: 1,
  kind: 'step',
  cacheable: false, // tools have side effects and may ask a person; model answers have their own cache (config.cache)
  // Its http and workflow tools reach outside the run, and which ones it called before it died is not known.
  onInterrupted: (config) => (config.tools.some((tool) => tool.kind === 'http' || tool.kind === 'workflow') ? 'ask' : 'rerun'),

  sendsSecrets: ['tools.*.config.url', 'tools.*.config.headers', 'tools.*.config.body'], // its HTTP tools' requests
  title: 'Agent',
  category: 'AI',
  description: 'A model that calls tools (HTTP APIs, files, workflows) in a loop until it answers.',
  icon: 'bot',
  summary: [
    { field: 'model', label: 'Model' },
    { field: 'tools', label: 'Tools', format: 'names' },
    { field: 'task', format: 'code' },
  ],
  config: AgentConfig,
  inputs: { in: port('any') },
  outputs: {
    out: port('string', { description: 'The final answer.' }),
    trace: port('object', { description: 'Iterations, tool calls with their results, tokens and cost.' }),
  },
  check: (config) => [
    ...checkModelChoice(config),
    ...checkTemplate('instructions', config.instructions),
    ...checkTemplate('task', config.task, true),
    ...checkTools(config.tools),
  ],
  run: async (ctx) => {
    const { answer, trace } = await runAgentLoop(ctx);
    return { out: answer, trace: { ...trace } };
  },
});
