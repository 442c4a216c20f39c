import type { NodeRegistry } from '../nodes/registry.ts';
import { validateWorkflow, type ValidationResult } from './validate.ts';

/** Parses and validates workflow file text; invalid JSON is a problem (OPR-001) like any other. */
export function parseWorkflowText(text: string, registry: NodeRegistry): ValidationResult {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    return { ok: false, problems: [{ code: 'OPR-001', message: `invalid JSON: ${(error as Error).message}` }] };
  }
  return validateWorkflow(document, registry);
}
