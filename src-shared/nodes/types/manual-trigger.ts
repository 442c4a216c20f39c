import { z } from 'zod';
import { defineNodeType } from '../define-node-type.ts';
import { port } from '../ports.ts';

/** Starts a run by hand (editor button, `operon run`); emits the run inputs. */
export const manualTrigger = defineNodeType({
  type: 'core.manual-trigger',
  version: 1,
  kind: 'trigger',
  title: 'Manual trigger',
  category: 'Triggers',
  description: 'Starts the workflow by hand and emits the run inputs.',
  icon: 'play',
  config: z.object({
    sample: z
      .record(z.string(), z.unknown())
      .default({})
      .describe(
        'Older files only. Runs from the editor take their inputs from the Run form, built from the inputs the workflow declares; a sample kept from an older file prefills that form where an input declares no default.',
      )
      .meta({ ui: 'json', deprecated: true }),
  }),
  inputs: {},
  outputs: { out: port('object') },
  run: (ctx) => Promise.resolve({ out: ctx.run.inputs }),
});
