import { z } from 'zod';
import { defineNodeType } from '../define-node-type.ts';
import { port } from '../ports.ts';
import { checkExpression } from './static-expressions.ts';
import { orNull } from './values.ts';

/** Reshapes its input with a JSONata expression (`$` is the input). No result becomes `null`. */
export const transform = defineNodeType({
  type: 'core.transform',
  version: 1,
  kind: 'step',
  title: 'Transform',
  category: 'Data',
  description: 'Computes a new value from the input with a JSONata expression.',
  icon: 'wand-sparkles',
  summary: [{ field: 'expression', format: 'code' }],
  config: z.object({
    expression: z
      .string()
      .default('$')
      .describe('A JSONata expression over the input ($); its result is the output.')
      .meta({ ui: 'expression' }),
  }),
  inputs: { in: port('any') },
  outputs: { out: port('any') },
  check: (config) => checkExpression('expression', config.expression),
  run: async (ctx) => ({ out: orNull(await ctx.evaluate(ctx.config.expression, ctx.inputs.in, 'config.expression')) }),
});
