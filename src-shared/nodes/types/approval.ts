import { z } from 'zod';
import { ApprovalGuardFields } from '../approval-guard.ts';
import { defineNodeType } from '../define-node-type.ts';
import { port } from '../ports.ts';
import { checkTemplate } from './static-expressions.ts';
import { orNull, toText } from './values.ts';

/**
 * Pauses the run until a person decides. Approved emits the (possibly edited) value on `approved`;
 * rejected emits `{ value, comment, by }` on `rejected`.
 */
export const approval = defineNodeType({
  type: 'core.approval',
  version: 1,
  kind: 'step',
  cacheable: false, // a person decides each time
  onInterrupted: 'rerun', // its own: asking again is all it does, and a decision already made is kept
  title: 'Approval',
  category: 'Human',
  description: 'Pauses the run until a person approves or rejects the input.',
  icon: 'user-check',
  summary: [{ field: 'title' }],
  config: z.object({
    title: z.string().default('Approval needed').describe('The title the person sees.'),
    message: z.string().default('').describe('What the person is asked; {{ }} placeholders read the input ($).').meta({ ui: 'template' }),
    ...ApprovalGuardFields,
  }),
  inputs: { in: port('any') },
  outputs: { approved: port('any'), rejected: port('object') },
  check: (config) => checkTemplate('message', config.message),
  run: async (ctx) => {
    const { decision } = ctx;
    if (decision === undefined) {
      const message = toText(await ctx.template(ctx.config.message, ctx.inputs.in, 'config.message'));
      return ctx.waitForDecision({ title: ctx.config.title, message, data: ctx.inputs.in });
    }
    ctx.log('info', `${decision.decision} by ${decision.by}`, {
      decision: decision.decision,
      by: decision.by,
      at: decision.at,
      edited: decision.value !== undefined,
      ...(decision.comment === undefined ? {} : { comment: decision.comment }),
    });
    if (decision.decision === 'approved') return { approved: orNull(decision.value ?? ctx.inputs.in) };
    return { rejected: { value: orNull(ctx.inputs.in), comment: decision.comment ?? null, by: decision.by } };
  },
});
