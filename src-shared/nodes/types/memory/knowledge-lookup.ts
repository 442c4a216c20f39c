import { z } from 'zod';
import { OperonError } from '../../../errors/operon-error.ts';
import type { Scalar } from '../../../memory/types.ts';
import { defineNodeType } from '../../define-node-type.ts';
import { port } from '../../ports.ts';
import { checkExpression } from '../static-expressions.ts';
import { describeKind } from '../values.ts';
import { checkCollection, objectResult } from './memory-fields.ts';

/** Looks up records in a knowledge collection by field values computed from the input. */
export const knowledgeLookup = defineNodeType({
  type: 'core.knowledge-lookup',
  version: 1,
  kind: 'step',
  title: 'Knowledge Lookup',
  category: 'Memory',
  description: 'Finds the records of a knowledge collection whose fields equal the given values.',
  icon: 'table-properties',
  summary: [{ field: 'collection', label: 'Collection' }],
  config: z.object({
    collection: z.string().default('').describe('The knowledge collection to look in.'),
    where: z
      .string()
      .default('{}')
      .describe(
        'A JSONata expression over the input ($) giving { field: value } to match exactly, e.g. { "sku": sku }; {} matches every record.',
      )
      .meta({ ui: 'expression' }),
    limit: z.int().min(1).max(1000).default(10).describe('The most records to return.'),
  }),
  inputs: { in: port('any') },
  outputs: {
    out: port('array', { description: 'The matching records.' }),
    found: port('boolean', { description: 'Whether any record matched.' }),
  },
  cacheable: false,
  check: (config) => [...checkCollection('collection', config.collection, true), ...checkExpression('where', config.where)],
  run: async (ctx) => {
    const { config } = ctx;
    const where = objectResult(await ctx.evaluate(config.where, ctx.inputs.in, 'config.where'), 'where');
    for (const [field, value] of Object.entries(where))
      if (!['string', 'number', 'boolean'].includes(typeof value))
        throw new OperonError('OPR-140', `config.where: "${field}" must be text, a number or a boolean; it is ${describeKind(value)}`);
    const rows = await ctx.memory.knowledge.lookup(config.collection, where as Record<string, Scalar>, config.limit);
    return { out: rows, found: rows.length > 0 };
  },
});
