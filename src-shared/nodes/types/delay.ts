import { z } from 'zod';
import { defineNodeType } from '../define-node-type.ts';
import { port } from '../ports.ts';
import { orNull } from './values.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Waits, then passes its input on. Cancelling the run ends the wait. */
export const delay = defineNodeType({
  type: 'core.delay',
  version: 1,
  kind: 'step',
  title: 'Delay',
  category: 'Flow',
  description: 'Waits a number of milliseconds, then passes the input on.',
  icon: 'timer',
  summary: [{ field: 'ms', label: 'Waits', format: 'duration' }],
  config: z.object({
    ms: z.int().min(0).max(DAY_MS).default(1000).describe('How long to wait, in milliseconds (at most a day).'),
  }),
  inputs: { in: port('any') },
  outputs: { out: port('any') },
  run: async (ctx) => {
    await ctx.clock.sleep(ctx.config.ms, ctx.signal);
    return { out: orNull(ctx.inputs.in) };
  },
});
