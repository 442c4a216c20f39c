import { z } from 'zod';
import { toolSchema, type ToolKind } from './tool-kind.ts';

const WorkflowToolConfig = z.object({
  workflow: z.string().default('').describe('The workflow to run: a path relative to this workflow file. The arguments are its inputs.'),
});

export const WorkflowToolSchema = toolSchema('workflow', WorkflowToolConfig, {
  type: 'object',
  properties: {},
  additionalProperties: true,
});
export type WorkflowTool = z.output<typeof WorkflowToolSchema>;

/** Runs another workflow as a child run with the arguments as its inputs; its outputs are the result. */
export const workflowTool: ToolKind<WorkflowTool> = {
  check: (tool) => (tool.config.workflow.trim() === '' ? [{ path: 'config.workflow', message: 'name the workflow to run' }] : []),
  run: (ctx, tool, args) => ctx.runWorkflow(tool.config.workflow, args, ctx.signal),
};
