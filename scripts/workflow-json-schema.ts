import { z } from 'zod';
import { WorkflowSchema } from '../src-shared/workflow/schema.ts';

/** The workflow file format as JSON Schema, for editors and other tools, generated from the zod schema. */
export function renderWorkflowJsonSchema(): string {
  const schema = z.toJSONSchema(WorkflowSchema, { io: 'input', target: 'draft-2020-12' });
  return `${JSON.stringify({ title: 'Operon workflow, schemaVersion 1', ...schema }, null, 2)}\n`;
}
