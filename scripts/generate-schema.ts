/** Writes resources/schema/workflow.schema.json from the zod schema: `npm run gen:schema`. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { renderWorkflowJsonSchema } from './workflow-json-schema.ts';

mkdirSync(new URL('../resources/schema/', import.meta.url), { recursive: true });
writeFileSync(new URL('../resources/schema/workflow.schema.json', import.meta.url), renderWorkflowJsonSchema());
