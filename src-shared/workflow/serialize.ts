import { WorkflowSchema, type Workflow } from './schema.ts';

/**
 * The workflow as file text: keys in the schema's order, two-space indent, a final newline, so the same
 * workflow always writes the same bytes and diffs stay small in git. Node config is data only.
 */
export function serializeWorkflow(workflow: Workflow): string {
  return `${JSON.stringify(WorkflowSchema.parse(workflow), null, 2)}\n`;
}
