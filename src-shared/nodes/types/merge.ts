import { z } from 'zod';
import { defineNodeType } from '../define-node-type.ts';
import { port, type PortMap } from '../ports.ts';

const MergeConfig = z.object({
  mode: z
    .enum(['all', 'first'])
    .default('all')
    .describe('all: wait for every branch and collect what arrived; first: take the first that arrives.')
    .meta({ ui: 'select' }),
  inputs: z.int().min(2).max(16).default(2).describe('How many input ports (in1 … inN).'),
});
type MergeConfig = z.output<typeof MergeConfig>;

/** The input port ids for a config: `in1` … `inN`. */
export function mergePortIds(config: MergeConfig): string[] {
  const count = Number.isInteger(config.inputs) ? Math.min(Math.max(config.inputs, 2), 16) : 2;
  return Array.from({ length: count }, (_, index) => `in${index + 1}`);
}

function mergeInputs(config: MergeConfig): PortMap {
  return Object.fromEntries(mergePortIds(config).map((id) => [id, port('any')]));
}

/**
 * Joins branches. Mode `all` runs once every branch settled (skipped ones are left out) and emits
 * the values that arrived, in port order; mode `first` runs on the first arrival and emits that
 * value. `sources` lists the port ids that had a value.
 */
export const merge = defineNodeType({
  type: 'core.merge',
  version: 1,
  kind: 'step',
  title: 'Merge',
  category: 'Flow',
  description: 'Joins branches: collects every value that arrived, or takes the first.',
  icon: 'merge',
  summary: [{ field: 'inputs', label: 'Inputs' }],
  config: MergeConfig,
  inputs: mergeInputs,
  outputs: { out: port('any'), sources: port('array') },
  join: (config) => (config.mode === 'first' ? 'first' : 'any'),
  run: (ctx) => {
    const arrived = mergePortIds(ctx.config).filter((id) => ctx.inputs[id] !== undefined);
    const values = arrived.map((id) => ctx.inputs[id]);
    const out = ctx.config.mode === 'first' ? (values[0] ?? null) : values;
    return Promise.resolve({ out, sources: arrived });
  },
});
