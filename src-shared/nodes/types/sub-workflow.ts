import { z } from 'zod';
import { defineNodeType } from '../define-node-type.ts';
import { OperonError } from '../../errors/operon-error.ts';
import { port } from '../ports.ts';
import { checkExpression, type ConfigProblem } from './static-expressions.ts';
import { describeKind, isPlainObject } from './values.ts';

/**
 * Runs another workflow as a child run and emits its outputs. The child's inputs are the result of
 * the `inputs` expression over `in` when it is set (it must give an object), else `in` itself (or `{}`): the same
 * shape a Map in workflow mode gives each item. The child run checks them against its inputs schema (OPR-206).
 */
export const subWorkflow = defineNodeType({
  type: 'core.sub-workflow',
  version: 1,
  kind: 'step',
  cacheable: false, // the child's nodes are cached one by one, side effects included or not
  onInterrupted: 'ask', // the child run starts again from the beginning, side effects included
  title: 'Sub-workflow',
  category: 'Flow',
  description:
    "Runs another workflow and emits its outputs. Its inputs are this node's input itself (as a Map passes each item), or what the inputs expression makes of it, checked against that workflow's inputs schema first.",
  icon: 'workflow',
  summary: [{ field: 'workflow' }],
  config: z.object({
    workflow: z.string().default('').describe('The workflow to run: a path relative to this workflow file.'),
    inputs: z
      .string()
      .default('')
      .describe("Optional JSONata expression over the input ($) giving the child's inputs object.")
      .meta({ ui: 'expression' }),
  }),
  inputs: { in: port('object') },
  outputs: { out: port('object') },
  check: (config) => {
    const problems: ConfigProblem[] = [];
    if (config.workflow.trim() === '') problems.push({ path: 'workflow', message: 'name the workflow to run' });
    if (config.inputs.trim() !== '') problems.push(...checkExpression('inputs', config.inputs));
    return problems;
  },
  run: async (ctx) => {
    let inputs: Record<string, unknown> = ctx.inputs.in ?? {};
    if (ctx.config.inputs.trim() !== '') {
      const value = await ctx.evaluate(ctx.config.inputs, ctx.inputs.in, 'config.inputs');
      if (!isPlainObject(value)) {
        throw new OperonError('OPR-107', `expression in config.inputs must give an object, got ${describeKind(value)}`, {
          details: { field: 'config.inputs' },
        });
      }
      inputs = value;
    }
    try {
      return { out: await ctx.runWorkflow(ctx.config.workflow, inputs, ctx.signal) };
    } catch (error) {
      if (ctx.signal.aborted || error instanceof OperonError) throw error;
      throw new OperonError('OPR-111', `sub-workflow ${ctx.config.workflow} failed: ${(error as Error).message}`, { cause: error });
    }
  },
});
