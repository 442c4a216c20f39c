import { z } from 'zod';
import { defineNodeType } from '../../define-node-type.ts';
import { port } from '../../ports.ts';
import { checkTemplate } from '../static-expressions.ts';
import { orNull } from '../values.ts';
import { templateText } from './memory-fields.ts';

/** Appends one turn to a conversation session and passes its input through unchanged. */
export const conversationAppend = defineNodeType({
  type: 'core.conversation-append',
  version: 1,
  kind: 'step',
  title: 'Conversation Append',
  category: 'Memory',
  description: 'Adds a turn (user, assistant, system or tool) to a conversation session, and passes the input on.',
  icon: 'message-square-plus',
  summary: [
    { field: 'sessionId', label: 'Session', format: 'code' },
    { field: 'role', label: 'Role' },
  ],
  config: z.object({
    sessionId: z
      .string()
      .default('')
      .describe('The conversation session; {{ }} placeholders read the input ($), e.g. {{ sessionId }}.')
      .meta({ ui: 'template' }),
    role: z.enum(['user', 'assistant', 'system', 'tool']).default('user').describe('Who said it.').meta({ ui: 'select' }),
    content: z
      .string()
      .default('{{ $string($) }}')
      .describe('What was said; {{ }} placeholders read the input ($).')
      .meta({ ui: 'template' }),
  }),
  inputs: { in: port('any') },
  outputs: { out: port('any', { description: 'The input, unchanged.' }) },
  cacheable: false,
  onInterrupted: 'ask', // appending the turn again would record it twice
  check: (config) => [...checkTemplate('sessionId', config.sessionId, true), ...checkTemplate('content', config.content, true)],
  run: async (ctx) => {
    const { config } = ctx;
    const sessionId = await templateText(ctx, config.sessionId, ctx.inputs.in, 'sessionId', false);
    const content = await templateText(ctx, config.content, ctx.inputs.in, 'content', false);
    await ctx.memory.conversation.append(sessionId, [{ role: config.role, content }]);
    return { out: orNull(ctx.inputs.in) };
  },
});
