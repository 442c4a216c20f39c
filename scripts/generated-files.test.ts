import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderErrorDocs } from './error-docs.ts';
import { renderWorkflowJsonSchema } from './workflow-json-schema.ts';

describe('generated files are current', () => {
  it('docs/errors.md lists every error code (run `npm run gen:docs`)', () => {
    expect(readFileSync(new URL('../docs/errors.md', import.meta.url), 'utf8')).toBe(renderErrorDocs());
  });

  it('resources/schema/workflow.schema.json matches the zod schema (run `npm run gen:schema`)', () => {
    expect(readFileSync(new URL('../resources/schema/workflow.schema.json', import.meta.url), 'utf8')).toBe(renderWorkflowJsonSchema());
  });
});
