import { z } from 'zod';
import { defineNodeType } from '../define-node-type.ts';
import { port } from '../ports.ts';

const OUTPUT_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Names a result of the run. It has no output ports and its run does nothing: the engine reads
 * each Output node's `in` value itself and collects the run's outputs as `{ [config.name]: in }`.
 */
export const output = defineNodeType({
  type: 'core.output',
  version: 1,
  kind: 'step',
  title: 'Output',
  category: 'Flow',
  description: "Makes its input one of the run's named outputs.",
  icon: 'log-out',
  config: z.object({
    name: z.string().default('result').describe('The name of this output in the run result.'),
  }),
  inputs: { in: port('any', { required: true }) },
  outputs: {},
  check: (config) =>
    OUTPUT_NAME.test(config.name) ? [] : [{ path: 'name', message: 'use letters, digits and "_", not starting with a digit' }],
  run: () => Promise.resolve({}),
});
