import { z } from 'zod';
import { defineNodeType } from '../define-node-type.ts';
import { isReservedName, reservedNameMessage } from '../../limits/reserved-names.ts';
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
  summary: [{ field: 'name', label: 'Name' }],
  config: z.object({
    name: z.string().default('result').describe('The name of this output in the run result.'),
  }),
  inputs: { in: port('any', { required: true }) },
  outputs: {},
  check: (config) => {
    if (!OUTPUT_NAME.test(config.name)) return [{ path: 'name', message: 'use letters, digits and "_", not starting with a digit' }];
    // The run's outputs are `{ [name]: value }`: a reserved name would be lost (`__proto__`) or shadow a built-in.
    if (isReservedName(config.name))
      return [{ code: 'OPR-021', path: 'name', message: reservedNameMessage('the output name', config.name) }];
    return [];
  },
  run: () => Promise.resolve({}),
});
