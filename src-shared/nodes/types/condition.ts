import { z } from 'zod';
import { defineNodeType } from '../define-node-type.ts';
import { port } from '../ports.ts';
import { checkExpression } from './static-expressions.ts';
import { isTruthy, orNull } from './values.ts';

/**
 * Sends its input down `true` or `false` by a JSONata expression, cast like JSONata's `$boolean`
 * (false, 0, '', null, no result and empty arrays/objects are false).
 */
export const condition = defineNodeType({
  type: 'core.condition',
  version: 1,
  kind: 'step',
  title: 'Condition',
  category: 'Flow',
  description: 'Routes the input to "true" or "false" by a JSONata expression.',
  icon: 'split',
  summary: [{ field: 'expression', format: 'code' }],
  config: z.object({
    expression: z
      .string()
      .default('true')
      .describe('A JSONata expression over the input ($); truthy sends the input to "true".')
      .meta({ ui: 'expression' }),
  }),
  inputs: { in: port('any') },
  outputs: { true: port('any'), false: port('any') },
  check: (config) => checkExpression('expression', config.expression),
  run: async (ctx) => {
    const value = orNull(ctx.inputs.in);
    const result = await ctx.evaluate(ctx.config.expression, ctx.inputs.in, 'config.expression');
    return isTruthy(result) ? { true: value } : { false: value };
  },
});
