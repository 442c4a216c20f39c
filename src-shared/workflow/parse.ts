import { parse as parseTolerant, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { textTooLarge } from '../limits/json-limits.ts';
import type { NodeRegistry } from '../nodes/registry.ts';
import { validateWorkflow, type ValidationResult } from './validate.ts';

/**
 * Parses and validates workflow file text; invalid JSON is a problem (OPR-001) like any other, and so is text past the
 * size limit (OPR-006, before it is parsed). JSON.parse does not recurse, so any depth parses; validateWorkflow then
 * refuses one past the depth limit before anything that recurses sees it.
 */
export function parseWorkflowText(text: string, registry: NodeRegistry): ValidationResult {
  const tooLarge = textTooLarge(text, 'the workflow file');
  if (tooLarge !== undefined) return { ok: false, problems: [{ code: 'OPR-006', message: tooLarge }] };
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    return { ok: false, problems: [{ code: 'OPR-001', message: describeJsonError(text, error) }] };
  }
  return validateWorkflow(document, registry);
}

/** Names the first syntax error by line and column, as an editor would show it. */
export function describeJsonError(text: string, error: unknown): string {
  const errors: ParseError[] = [];
  parseTolerant(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  const first = errors[0];
  if (first === undefined) return `invalid JSON: ${(error as Error).message}`;
  const before = text.slice(0, first.offset);
  const line = before.split('\n').length;
  const column = first.offset - before.lastIndexOf('\n');
  return `invalid JSON at line ${line}, column ${column}: ${printParseErrorCode(first.error)}`;
}
