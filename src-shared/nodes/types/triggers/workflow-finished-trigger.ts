import { z } from 'zod';
import { defineNodeType } from '../../define-node-type.ts';
import { port } from '../../ports.ts';
import { firedWith } from './trigger-payload.ts';

/** What a Workflow finished trigger emits: the run that finished. */
export interface WorkflowFinishedPayload {
  workflowId: string;
  runId: string;
  status: 'succeeded' | 'failed';
  /** Its Output nodes' values, by name. */
  outputs: Record<string, unknown>;
  error?: { code: string; message: string; nodeId?: string };
  finishedAt: string;
}

/** Starts the workflow when another workflow of the same workspace finishes: chained flows across workflows. */
export const workflowFinishedTrigger = defineNodeType({
  type: 'core.workflow-finished-trigger',
  version: 1,
  kind: 'trigger',
  title: 'Workflow finished',
  category: 'Triggers',
  description: 'Starts the workflow when another workflow of this workspace finishes, with its outputs.',
  icon: 'git-branch',
  summary: [{ field: ['workflowId', 'on'] }],
  config: z.object({
    workflowId: z.string().default('').describe('The workflow whose runs start this one.').meta({ ui: 'workflow' }),
    on: z
      .enum(['success', 'failure', 'both'])
      .default('success')
      .describe('Which of its runs: those that succeed, those that fail, or both.')
      .meta({ ui: 'select' }),
  }),
  inputs: {},
  outputs: { out: port('object', { description: '{ workflowId, runId, status, outputs, error, finishedAt }' }) },
  check: (config) => (config.workflowId.trim() === '' ? [{ path: 'workflowId', message: 'choose the workflow to follow' }] : []),
  run: (ctx) =>
    Promise.resolve({
      out: firedWith<WorkflowFinishedPayload>(ctx, () => ({
        workflowId: ctx.config.workflowId,
        runId: '',
        status: ctx.config.on === 'failure' ? 'failed' : 'succeeded',
        outputs: ctx.run.inputs,
        finishedAt: new Date(ctx.clock.now()).toISOString(),
      })),
    }),
});
