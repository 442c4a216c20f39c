import { z } from 'zod';
import { defineNodeType } from '../../define-node-type.ts';
import { port } from '../../ports.ts';
import { firedWith } from './trigger-payload.ts';

/** What an Error trigger emits: the failed run of the workflow that names this one as its error workflow. */
export interface ErrorPayload {
  workflowId: string;
  workflowName: string;
  runId: string;
  /** The node that failed, when one did (a run can also fail on its inputs or time limit). */
  nodeId?: string;
  code: string;
  message: string;
  /** The failed run's inputs (secrets redacted, as its log has them). */
  inputs: Record<string, unknown>;
  failedAt: string;
}

/**
 * Starts an error workflow: a workflow whose settings name this one as their error workflow, when one of its runs
 * fails (n8n's error workflow). Alert from here with any node: an HTTP request, a file, a message.
 */
export const errorTrigger = defineNodeType({
  type: 'core.error-trigger',
  version: 1,
  kind: 'trigger',
  title: 'Error trigger',
  category: 'Triggers',
  description: 'Starts this workflow when a run of a workflow that names it as its error workflow fails.',
  icon: 'triangle-alert',
  config: z.object({}),
  inputs: {},
  outputs: { out: port('object', { description: '{ workflowId, workflowName, runId, nodeId, code, message, inputs, failedAt }' }) },
  run: (ctx) =>
    Promise.resolve({
      out: firedWith<ErrorPayload>(ctx, () => ({
        workflowId: 'example',
        workflowName: 'Example',
        runId: '',
        nodeId: 'step',
        code: 'OPR-101',
        message: 'an example failure (a run started by hand)',
        inputs: ctx.run.inputs,
        failedAt: new Date(ctx.clock.now()).toISOString(),
      })),
    }),
});
