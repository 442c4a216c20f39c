import { z } from 'zod';
import { defineNodeType } from '../../define-node-type.ts';
import { port } from '../../ports.ts';
import { checkTemplate } from '../static-expressions.ts';
import { templateText } from './memory-fields.ts';

/**
 * Reads a conversation's last turns, oldest first: `turns` as stored (with time and source) and `messages` as
 * `{ role, content }`, ready for an LLM node's history.
 */
export const conversationRead = defineNodeType({
  type: 'core.conversation-read',
  version: 1,
  kind: 'step',
  title: 'Conversation Read',
  category: 'Memory',
  description: "Reads a conversation session's recent turns, windowed by count and tokens, as LLM-ready messages.",
  icon: 'messages-square',
  summary: [{ field: 'sessionId', label: 'Session', format: 'code' }],
  config: z.object({
    sessionId: z
      .string()
      .default('')
      .describe('The conversation session to read; {{ }} placeholders read the input ($), e.g. {{ sessionId }}.')
      .meta({ ui: 'template' }),
    maxTurns: z.int().min(1).max(1000).default(20).describe('The most recent turns to read.'),
    maxTokens: z.int().positive().optional().describe('Optional: keep only the newest turns that fit in about this many tokens.'),
  }),
  inputs: { in: port('any') },
  outputs: {
    turns: port('array', { description: 'The turns, oldest first: [{ role, content, at, source }].' }),
    messages: port('array', { description: "The same turns as [{ role, content }], for an LLM node's history." }),
  },
  cacheable: false,
  check: (config) => checkTemplate('sessionId', config.sessionId, true),
  run: async (ctx) => {
    const { config } = ctx;
    const sessionId = await templateText(ctx, config.sessionId, ctx.inputs.in, 'sessionId', false);
    const turns = await ctx.memory.conversation.read(sessionId, {
      maxTurns: config.maxTurns,
      ...(config.maxTokens === undefined ? {} : { maxTokens: config.maxTokens }),
    });
    return { turns, messages: turns.map(({ role, content }) => ({ role, content })) };
  },
});
